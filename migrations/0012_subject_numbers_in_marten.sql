-- Subject numbers in use are now Marten documents (mt_doc_subjectnumberclaim), written by the
-- inline SubjectNumbersProjection in the screening's transaction. At the first start after this
-- migration the runtime fills them from the recorded screenings; the old table is no longer read.
DROP TABLE IF EXISTS subject_numbers;
