-- MedDRA dictionaries imported with `trialops meddra import DIR` (src/TrialOps/Meddra/), keyed by
-- version. MedDRA is licensed to the sponsor: the terms live only in the sponsor's database, never
-- in the repository. Each version is written once, in the same transaction as the
-- `meddra.dictionary-imported.v1` event that records who imported it (the attributable act) and
-- the SHA-256 of every file read; a version's rows never change afterwards, so an export that codes
-- adverse events with a version gives the same bytes whenever it is derived again.
--
-- Only the columns TrialOps uses are kept (codes, names, LLT currency, primary SOC); the legacy
-- cross-references of the distribution (WHO-ART, HARTS, COSTART, ICD-9, ICD-10, J-ART) are not.

CREATE TABLE meddra_versions (
    version         text PRIMARY KEY,          -- as meddra_release.asc gives it, e.g. 27.1
    language        text NOT NULL,
    content_sha256  text NOT NULL,             -- SHA-256 over the files' names and SHA-256s
    imported_by     text NOT NULL,
    imported_at     timestamptz NOT NULL,
    position        bigint NOT NULL            -- the import event's global position
);

-- soc.asc
CREATE TABLE meddra_soc (
    version     text NOT NULL REFERENCES meddra_versions (version),
    soc_code    integer NOT NULL,
    soc_name    text NOT NULL,
    soc_abbrev  text NOT NULL,
    PRIMARY KEY (version, soc_code)
);

-- hlgt.asc
CREATE TABLE meddra_hlgt (
    version    text NOT NULL REFERENCES meddra_versions (version),
    hlgt_code  integer NOT NULL,
    hlgt_name  text NOT NULL,
    PRIMARY KEY (version, hlgt_code)
);

-- hlt.asc
CREATE TABLE meddra_hlt (
    version   text NOT NULL REFERENCES meddra_versions (version),
    hlt_code  integer NOT NULL,
    hlt_name  text NOT NULL,
    PRIMARY KEY (version, hlt_code)
);

-- pt.asc
CREATE TABLE meddra_pt (
    version           text NOT NULL REFERENCES meddra_versions (version),
    pt_code           integer NOT NULL,
    pt_name           text NOT NULL,
    primary_soc_code  integer NOT NULL,
    PRIMARY KEY (version, pt_code)
);

-- llt.asc
CREATE TABLE meddra_llt (
    version   text NOT NULL REFERENCES meddra_versions (version),
    llt_code  integer NOT NULL,
    llt_name  text NOT NULL,
    pt_code   integer NOT NULL,
    current   boolean NOT NULL,                -- llt_currency Y
    PRIMARY KEY (version, llt_code)
);

-- soc_hlgt.asc, hlgt_hlt.asc, hlt_pt.asc: the links of the hierarchy.
CREATE TABLE meddra_soc_hlgt (
    version    text NOT NULL REFERENCES meddra_versions (version),
    soc_code   integer NOT NULL,
    hlgt_code  integer NOT NULL,
    PRIMARY KEY (version, soc_code, hlgt_code)
);

CREATE TABLE meddra_hlgt_hlt (
    version    text NOT NULL REFERENCES meddra_versions (version),
    hlgt_code  integer NOT NULL,
    hlt_code   integer NOT NULL,
    PRIMARY KEY (version, hlgt_code, hlt_code)
);

CREATE TABLE meddra_hlt_pt (
    version   text NOT NULL REFERENCES meddra_versions (version),
    hlt_code  integer NOT NULL,
    pt_code   integer NOT NULL,
    PRIMARY KEY (version, hlt_code, pt_code)
);

-- mdhier.asc: every PT's paths up to its SOCs; exactly one per PT is primary (primary_soc_fg Y).
CREATE TABLE meddra_hierarchy (
    version      text NOT NULL REFERENCES meddra_versions (version),
    pt_code      integer NOT NULL,
    hlt_code     integer NOT NULL,
    hlgt_code    integer NOT NULL,
    soc_code     integer NOT NULL,
    primary_soc  boolean NOT NULL,
    PRIMARY KEY (version, pt_code, hlt_code, hlgt_code, soc_code)
);

CREATE UNIQUE INDEX meddra_hierarchy_primary ON meddra_hierarchy (version, pt_code) WHERE primary_soc;
