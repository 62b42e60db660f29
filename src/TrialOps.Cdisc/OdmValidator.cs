using System.Xml;
using System.Xml.Schema;

namespace TrialOps.Cdisc;

/// <summary>One schema or well-formedness error, with its place in the document.</summary>
public sealed record OdmValidationError(string Message, int LineNumber, int LinePosition)
{
    public override string ToString() => $"({LineNumber},{LinePosition}): {Message}";
}

/// <summary>
/// Validates documents against the CDISC ODM 1.3.2 schema set (ODM1-3-2.xsd, which imports xml.xsd
/// and xmldsig-core-schema.xsd and includes ODM1-3-2-foundation.xsd by relative path). The schema
/// folder is passed in; the compiled schema set is reused for every document.
/// </summary>
/// <remarks>
/// Nothing is fetched over the network: schemas resolve only to files inside the schema folder, and
/// documents are read with DTD processing prohibited and no resolver at all, so a document cannot
/// pull in external entities. Only errors are reported, not warnings (lax wildcard content such as
/// vendor extensions produces warnings).
/// </remarks>
public sealed class OdmValidator
{
    /// <summary>The top-level schema file within the schema folder.</summary>
    public const string SchemaFileName = "ODM1-3-2.xsd";

    private readonly XmlSchemaSet _schemas;

    /// <summary>Loads and compiles the schema set from <paramref name="schemaDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">ODM1-3-2.xsd is not in the folder.</exception>
    public OdmValidator(string schemaDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(schemaDirectory);
        string directory = Path.GetFullPath(schemaDirectory);
        string schemaPath = Path.Combine(directory, SchemaFileName);
        if (!File.Exists(schemaPath))
        {
            throw new FileNotFoundException($"The ODM 1.3.2 schema {SchemaFileName} is not in {directory}.", schemaPath);
        }

        var resolver = new LocalFolderResolver(directory);
        var schemas = new XmlSchemaSet { XmlResolver = resolver };
        var schemaErrors = new List<string>();
        schemas.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                schemaErrors.Add(e.Message);
            }
        };

        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = resolver };
        using (var reader = XmlReader.Create(schemaPath, settings))
        {
            schemas.Add(null, reader);
        }

        schemas.Compile();
        if (schemaErrors.Count > 0)
        {
            throw new XmlSchemaException($"The ODM schema set in {directory} does not compile: {string.Join("; ", schemaErrors)}");
        }

        _schemas = schemas;
    }

    /// <summary>Validates a document file; an empty list means valid.</summary>
    public IReadOnlyList<OdmValidationError> Validate(string documentPath)
    {
        using var stream = File.OpenRead(documentPath);
        return Validate(stream);
    }

    /// <summary>Validates a document read from <paramref name="document"/>; an empty list means valid.</summary>
    public IReadOnlyList<OdmValidationError> Validate(Stream document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<OdmValidationError>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = _schemas,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationFlags = XmlSchemaValidationFlags.ProcessIdentityConstraints,
        };
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                errors.Add(new OdmValidationError(e.Message, e.Exception?.LineNumber ?? 0, e.Exception?.LinePosition ?? 0));
            }
        };

        try
        {
            using var reader = XmlReader.Create(document, settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException e)
        {
            errors.Add(new OdmValidationError("Not well-formed XML: " + e.Message, e.LineNumber, e.LinePosition));
        }

        return errors;
    }

    /// <summary>Resolves schema imports and includes to files inside one folder, and nothing else.</summary>
    private sealed class LocalFolderResolver(string directory) : XmlResolver
    {
        private readonly string _directory = Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar;

        public override object GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.IsFile)
            {
                throw new XmlException($"Refusing to fetch '{absoluteUri}': ODM schemas are resolved from local files only.");
            }

            string path = Path.GetFullPath(absoluteUri.LocalPath);
            if (!path.StartsWith(_directory, StringComparison.Ordinal))
            {
                throw new XmlException($"Refusing to read '{path}': it is outside the schema folder {_directory}.");
            }

            return File.OpenRead(path);
        }
    }
}
