using System.Text;

namespace PatentNav.Records;

/// <summary>Normalisation shared by every parser: full-width to half-width (NFKC), trimmed, inner white space folded.</summary>
internal static class TextNormalizer
{
    /// <summary>NFKC-normalises (full-width letters, digits and brackets become ASCII), trims, folds runs of white space.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c) || c == '\u3000')
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Returns <c>null</c> for blank text, otherwise the text trimmed (no NFKC: body text keeps its characters).</summary>
    public static string? NullIfBlank(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length == 0 || trimmed == "-" || trimmed == "--" || trimmed == "/" || trimmed == "N/A" || trimmed == "#N/A" ? null : trimmed;
    }
}
