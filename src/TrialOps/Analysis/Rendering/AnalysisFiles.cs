using System.Text;

namespace TrialOps.Analysis.Rendering;

/// <summary>
/// Writes the three files of <c>trialops analyze</c>: <c>analysis.json</c>, <c>report.html</c> and
/// <c>consort.svg</c>, UTF-8 without a byte-order mark and with LF line ends, so the same rows give
/// the same bytes on every machine.
/// </summary>
public static class AnalysisFiles
{
    public static AnalysisResult Write(AnalysisInput input, string directory)
    {
        var result = CrossoverAnalysis.Analyze(input);
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllText(Path.Combine(directory, AnalysisJson.FileName), AnalysisJson.Write(result), utf8);
        File.WriteAllText(Path.Combine(directory, AnalysisReport.FileName), AnalysisReport.Html(input, result), utf8);
        File.WriteAllText(Path.Combine(directory, ConsortDiagram.FileName), ConsortDiagram.Svg(result.Consort, result.Trial), utf8);
        return result;
    }
}
