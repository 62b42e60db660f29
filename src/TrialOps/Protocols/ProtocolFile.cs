using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TrialOps.Messaging;

namespace TrialOps.Protocols;

/// <summary>One thing wrong with a protocol file, shown as <c>$.path: problem</c>.</summary>
public sealed record ProtocolProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Either a valid <see cref="Definition"/> or at least one <see cref="Problems"/>, never both.</summary>
public sealed record ProtocolParseResult(ProtocolDefinition? Definition, IReadOnlyList<ProtocolProblem> Problems)
{
    [MemberNotNullWhen(true, nameof(Definition))]
    public bool IsValid => Definition is not null;

    /// <summary>The problems as the lines shown to the person importing the file.</summary>
    public IReadOnlyList<string> ProblemLines => Problems.Select(p => p.ToString()).ToArray();

    /// <summary>The problems as one rejection, one problem per line, for the UI or a 422 problem response.</summary>
    public Rejection ToRejection() =>
        new("protocol.invalid", string.Join("\n", ProblemLines), Problems.Count > 0 ? Problems[0].Path : null);
}

/// <summary>Reads and validates <c>trialops.protocol/1</c> files (<c>protocols/README.md</c>).</summary>
public static class ProtocolFile
{
    public const string Format = "trialops.protocol/1";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Validates the whole file and reports every problem found, each naming its JSON path, so
    /// that a coordinator can fix a file in one round. Never throws for bad input.
    /// </summary>
    public static ProtocolParseResult Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new ProtocolParseResult(null, [new ProtocolProblem("$", "the file is empty")]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            return new ProtocolParseResult(null, [new ProtocolProblem("$", MalformedJson(json, e))]);
        }

        using (document)
        {
            return new ProtocolReader().Read(document.RootElement);
        }
    }

    /// <summary>Parses a file as uploaded (see <see cref="TryReadText"/>).</summary>
    public static ProtocolParseResult Parse(ReadOnlySpan<byte> fileContent) =>
        TryReadText(fileContent, out var text)
            ? Parse(text)
            : new ProtocolParseResult(null, [new ProtocolProblem("$", "the file is not valid UTF-8 text")]);

    /// <summary>
    /// The file's text. The bytes must be UTF-8 (a byte-order mark is allowed): a file in another
    /// encoding would otherwise import with silently altered text.
    /// </summary>
    public static bool TryReadText(ReadOnlySpan<byte> fileContent, [NotNullWhen(true)] out string? text)
    {
        ReadOnlySpan<byte> byteOrderMark = [0xEF, 0xBB, 0xBF];
        var content = fileContent.StartsWith(byteOrderMark) ? fileContent[byteOrderMark.Length..] : fileContent;
        try
        {
            text = StrictUtf8.GetString(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>SHA-256 of the file exactly as uploaded, lowercase hex: what an inspector recomputes.</summary>
    public static string Sha256(ReadOnlySpan<byte> fileContent) =>
        Convert.ToHexStringLower(SHA256.HashData(fileContent));

    /// <summary>Line and column count from 1, in characters (the reader counts bytes).</summary>
    private static string MalformedJson(string json, JsonException e)
    {
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        if (e.LineNumber is not { } line || e.BytePositionInLine is not { } bytePosition)
        {
            return $"malformed JSON: {reason}";
        }

        var lineText = json.Split('\n').ElementAtOrDefault((int)line) ?? string.Empty;
        var lineBytes = Encoding.UTF8.GetBytes(lineText);
        var column = Encoding.UTF8.GetCharCount(lineBytes, 0, (int)Math.Min(bytePosition, lineBytes.Length)) + 1;
        return $"malformed JSON at line {line + 1}, column {column}: {reason}";
    }
}
