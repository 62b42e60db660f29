using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using QRCoder;

namespace TrialOps.Web.Components.Shared;

/// <summary>
/// A QR code as inline SVG: QRCoder encodes the text into modules, and each dark module becomes a
/// unit square of one path. Attributes only (no style, no script, no data URL), so the strict
/// content security policy needs no exception.
/// </summary>
public static class QrCodeSvg
{
    public static MarkupString Render(string text, string label, int pixels = 220)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (matrix[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        var svg =
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\" " +
            $"width=\"{pixels}\" height=\"{pixels}\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\">" +
            $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>";
        return new MarkupString(svg);
    }
}
