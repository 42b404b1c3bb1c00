using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PatentNav.Records;
using Sylvan.Data.Csv;

namespace PatentNav.SampleBuilder;

/// <summary>Where a base record came from: the real fields before any synthetic enrichment.</summary>
internal enum SourceKind
{
    /// <summary>cn-titles-ipc: real publication number, title and IPC subclasses.</summary>
    TitlesIpc,

    /// <summary>kppatent-zh: real title, abstract and claims; local <c>ZZ</c> identifier.</summary>
    KpPatent,
}

/// <summary>The real part of one sample record.</summary>
internal sealed record BaseRecord(SourceKind Source, string SourceRow, PatentRecord Record);

/// <summary>Counts the README reports about what was read and cleaned.</summary>
internal sealed class SourceStats
{
    public int TitlesIpcRows { get; set; }
    public int TitlesIpcMultiNumber { get; set; }
    public int KpRows { get; set; }
    public int KpEmptyClaims { get; set; }
    public int KpClaimsNotStartingWithOne { get; set; }
    public int KpPageHeadersRemoved { get; set; }
    public int KpDescriptionTailsCut { get; set; }
    public int KpBlankTitles { get; set; }
    public int KpTitlesWithPageCounts { get; set; }
    public int KpBlankAbstracts { get; set; }
    public int KpClaimsDropped { get; set; }
}

/// <summary>Reads the real data sets under <c>../shared/data</c> that may be copied into the project.</summary>
internal static partial class Sources
{
    /// <summary>First identifier of the local <c>ZZ</c> range (ZZ is an ISO 3166 user-assigned code: never a real office).</summary>
    public const int LocalNumberBase = 9_000_000;

    /// <summary>Claims texts longer than this (characters, after cleaning) are left out of the sample; see <see cref="ReadKpPatent"/>.</summary>
    public const int MaxClaimsLength = 800;

    public static List<BaseRecord> ReadTitlesIpc(string path, SourceStats stats)
    {
        var result = new List<BaseRecord>();
        using var csv = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true });
        var row = csv.GetOrdinal("row");
        var numbers = csv.GetOrdinal("publication_numbers");
        var title = csv.GetOrdinal("title");
        var subclasses = csv.GetOrdinal("ipc_subclasses");
        while (csv.Read())
        {
            stats.TitlesIpcRows++;
            var parts = csv.GetString(numbers).Split([',', ';', '|', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length > 1)
            {
                // The source column may list several numbers of one document family; the first one is the record's key.
                stats.TitlesIpcMultiNumber++;
            }

            var number = PublicationNumber.Parse(parts[0]);
            var ipc = csv.GetString(subclasses)
                .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(IpcCode.Parse)
                .Distinct()
                .ToList();
            var record = new PatentRecord
            {
                PublicationNumber = number,
                Kind = PatentVocabulary.KindFromPublicationNumber(number),
                Title = NullIfBlank(csv.GetString(title)),
                Ipc = ipc,
                MainIpc = ipc.Count > 0 ? ipc[0] : null,
            };
            result.Add(new BaseRecord(SourceKind.TitlesIpc, csv.GetString(row), record));
        }

        return result;
    }

    public static List<BaseRecord> ReadKpPatent(string path, SourceStats stats)
    {
        var result = new List<BaseRecord>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            stats.KpRows++;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var idx = root.GetProperty("idx").GetInt32();
            var title = CleanTitle(NullIfBlank(root.GetProperty("title").GetString()), stats);
            var abstractText = NullIfBlank(root.GetProperty("abstract").GetString());
            var claims = CleanClaims(root.GetProperty("claims").GetString(), stats);
            var firstClaim = FirstClaimOf(claims);
            if (claims is { Length: > MaxClaimsLength })
            {
                // Size budget: patents.jsonl must stay well under 10 MB, and full claims are a third of it. A claims text is
                // kept whole or not at all (never cut), so Claims always means the complete claims; firstClaim stays.
                stats.KpClaimsDropped++;
                claims = null;
            }
            stats.KpBlankTitles += title is null ? 1 : 0;
            stats.KpBlankAbstracts += abstractText is null ? 1 : 0;
            var number = PublicationNumber.Parse(string.Create(CultureInfo.InvariantCulture, $"ZZ{LocalNumberBase + idx}A"));
            var record = new PatentRecord
            {
                PublicationNumber = number,

                // ZZ numbers are not Chinese, so the kind cannot come from the number; the source documents are invention
                // application publications (the PDF page headers left in their claims all read CN…A).
                Kind = PatentKind.InventionApplication,
                Title = title,
                Abstract = abstractText,
                Claims = claims,
                FirstClaim = firstClaim,
            };
            result.Add(new BaseRecord(SourceKind.KpPatent, idx.ToString(CultureInfo.InvariantCulture), record));
        }

        return result;
    }

    /// <summary>
    /// Removes the PDF extraction artefacts of KPPatent-ZH's claims text: page headers such as
    /// <c>CN107761190A权利要求书2/2页</c> inside the text, and everything from the description's first page header
    /// (<c>CN113914863A说明书1/4页…</c>), which is not part of the claims.
    /// </summary>
    internal static string? CleanClaims(string? claims, SourceStats stats)
    {
        if (string.IsNullOrWhiteSpace(claims))
        {
            stats.KpEmptyClaims++;
            return null;
        }

        var text = claims;
        var tail = DescriptionHeader().Match(text);
        if (tail.Success)
        {
            stats.KpDescriptionTailsCut++;
            text = text[..tail.Index];
        }

        var headers = ClaimsPageHeader().Count(text);
        if (headers > 0)
        {
            stats.KpPageHeadersRemoved += headers;
            text = ClaimsPageHeader().Replace(text, string.Empty);
        }

        text = text.Trim();
        if (!text.StartsWith("1.", StringComparison.Ordinal))
        {
            stats.KpClaimsNotStartingWithOne++;
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>The text of claim 1 without its number: up to the line that starts with <c>2.</c>; <c>null</c> when the
    /// claims text does not start with claim 1 (the source truncated it).</summary>
    internal static string? FirstClaimOf(string? claims)
    {
        if (claims is null || !claims.StartsWith("1.", StringComparison.Ordinal))
        {
            return null;
        }

        var end = claims.IndexOf("\n2.", StringComparison.Ordinal);
        var first = (end < 0 ? claims : claims[..end])[2..].Trim();
        return first.Length == 0 ? null : first;
    }

    /// <summary>
    /// Some kppatent-zh titles begin with the PDF's page counts (权利要求书1页说明书3页附图2页), at times followed by the end
    /// of the abstract before the real title ("…应用前景。一种红色有机电致磷光铂配合物…"): the counts are dropped, and after
    /// them only what follows the last full stop is kept.
    /// </summary>
    internal static string? CleanTitle(string? title, SourceStats stats)
    {
        if (title is null)
        {
            return null;
        }

        var match = PageCounts().Match(title);
        if (!match.Success)
        {
            return title;
        }

        stats.KpTitlesWithPageCounts++;
        var rest = title[match.Length..];
        var stop = rest.LastIndexOf('。');
        rest = stop >= 0 && stop < rest.Length - 1 ? rest[(stop + 1)..] : rest;
        return NullIfBlank(rest.Trim());
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^权利要求书\d+页(说明书\d+页)?(附图\d+页)?")]
    private static partial System.Text.RegularExpressions.Regex PageCounts();

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"CN\d{6,}[A-Z]\d?权利要求书\d+/\d+页", RegexOptions.CultureInvariant)]
    private static partial Regex ClaimsPageHeader();

    [GeneratedRegex(@"CN\d{6,}[A-Z]\d?说明书\d+/\d+页", RegexOptions.CultureInvariant)]
    private static partial Regex DescriptionHeader();
}
