using System.Globalization;
using PatentNav.Places;
using PatentNav.Records;

namespace PatentNav.Import;

/// <summary>Turns the cells of one data row into a <see cref="PatentRecord"/>, or into the errors that reject the row.</summary>
/// <remarks>
/// Policy: a blank cell leaves its field unknown (<c>null</c> / empty list), never zero. A non-blank cell that does not parse
/// rejects the row with one <see cref="ImportError"/> per bad cell, so that nothing is silently wrong. Kind and legal-status
/// wording is the exception: unrecognised words leave the vocabulary value <see cref="PatentKind.Unknown"/> (the kind is then
/// inferred from the publication number's kind code) and the raw legal-status text is kept.
/// </remarks>
internal sealed class RowMapper
{
    private const int MaxValueLength = 200;

    private readonly IReadOnlyList<string> _columns;
    private readonly Dictionary<string, int> _fieldIndex;
    private readonly string[] _separators;
    private readonly string _format;
    private readonly string? _batchId;
    private readonly RegionResolver _regions;
    private readonly ExportLayout _layout;

    public RowMapper(IReadOnlyList<string> columns, IReadOnlyDictionary<string, int> fieldIndex, ExportLayout layout, string format, string? batchId, RegionResolver regions)
    {
        _columns = columns;
        _fieldIndex = new Dictionary<string, int>(fieldIndex, StringComparer.Ordinal);
        _layout = layout;
        _separators = HeaderAliases.ListSeparators(layout);
        _format = format;
        _batchId = batchId;
        _regions = regions;
    }

    /// <summary>Maps one row; <c>null</c> when every cell is blank (such rows are skipped, not rejected).</summary>
    public RowResult? Map(long row, object?[] cells)
    {
        if (cells.All(c => CellText(c) is null))
        {
            return null;
        }

        var errors = new List<ImportError>();
        var ctx = new Context(this, row, cells, errors);

        PublicationNumber? publicationNumber = null;
        var pnText = ctx.Text(RecordFields.PublicationNumber);
        if (pnText is null)
        {
            errors.Add(new ImportError(row, ctx.Header(RecordFields.PublicationNumber), null, "the row has no publication number (公开(公告)号); it is the record's key"));
        }
        else
        {
            publicationNumber = ctx.Parse(RecordFields.PublicationNumber, pnText, PublicationNumber.TryParse);
        }

        var applicationNumber = ctx.TextParse(RecordFields.ApplicationNumber, ApplicationNumber.TryParse);
        var mainIpc = ctx.TextParse(RecordFields.MainIpc, IpcCode.TryParse);
        var ipc = new List<IpcCode>();
        if (ctx.Text(RecordFields.Ipc) is { } ipcText)
        {
            var (codes, ipcErrors) = IpcCode.ParseList(ipcText);
            if (ipcErrors.Count > 0)
            {
                ctx.Error(RecordFields.Ipc, ipcText, string.Join("; ", ipcErrors));
            }

            ipc.AddRange(codes);
        }

        mainIpc ??= ipc.Count > 0 ? ipc[0] : null;
        if (mainIpc is { } main)
        {
            ipc.Remove(main);
            ipc.Insert(0, main);
        }

        var filing = ctx.Date(RecordFields.FilingDate);
        var publication = ctx.Date(RecordFields.PublicationDate);
        var grant = ctx.Date(RecordFields.GrantDate);
        var forward = ctx.Count(RecordFields.ForwardCitations);
        var familySize = ctx.Count(RecordFields.FamilySize);
        var transfers = ctx.Count(RecordFields.TransferCount);
        var licences = ctx.Count(RecordFields.LicenceCount);
        var pledges = ctx.Count(RecordFields.PledgeCount);
        var familyCountries = FamilyCountries(ctx);
        var applicantCountry = ApplicantCountry(ctx);

        var region = _regions.Resolve(new RegionInput
        {
            District = ctx.Field(RecordFields.District),
            City = ctx.Field(RecordFields.City),
            ProvinceCode = ctx.Field(RecordFields.ProvinceCode),
            Province = ctx.Field(RecordFields.Province),
            Address = ctx.Field(RecordFields.ApplicantAddress),
        });
        if (region.Failed)
        {
            errors.Add(new ImportError(row, region.ErrorField?.Label, Truncate(region.ErrorField?.Value), region.Error!));
        }

        if (errors.Count > 0 || publicationNumber is not { } pn)
        {
            return new RowResult(row, null, errors);
        }

        var kind = PatentVocabulary.ParseKind(ctx.Text(RecordFields.Kind));
        if (kind == PatentKind.Unknown)
        {
            kind = PatentVocabulary.KindFromPublicationNumber(pn);
        }

        var legalRaw = ctx.Text(RecordFields.LegalStatus);
        var record = new PatentRecord
        {
            PublicationNumber = pn,
            ApplicationNumber = applicationNumber,
            Kind = kind,
            Title = ctx.Text(RecordFields.Title),
            Abstract = ctx.Text(RecordFields.Abstract),
            FirstClaim = ctx.Text(RecordFields.FirstClaim),
            Claims = ctx.Text(RecordFields.Claims),
            Applicants = ctx.List(RecordFields.Applicants, names: true),
            CurrentHolders = ctx.List(RecordFields.CurrentHolders, names: true),
            Inventors = ctx.List(RecordFields.Inventors, names: true),
            ApplicantAddress = ctx.Text(RecordFields.ApplicantAddress),
            ApplicantCountry = applicantCountry,
            Region = region.Region,
            MainIpc = mainIpc,
            Ipc = ipc,
            Cpc = ctx.List(RecordFields.Cpc, names: false, separators: [";;", ";", "|", ",", "；"]),
            FilingDate = filing,
            PublicationDate = publication,
            GrantDate = grant,
            LegalStatus = PatentVocabulary.ParseLegalStatus(legalRaw),
            LegalStatusRaw = legalRaw,
            ForwardCitations = forward,
            FamilySize = familySize,
            FamilyCountries = familyCountries,
            TransferCount = transfers,
            LicenceCount = licences,
            PledgeCount = pledges,
            SourceFormat = _format,
            ImportBatch = _batchId,
        };
        return new RowResult(row, record, []);
    }

    /// <summary>The text of a cell as a spreadsheet would show it, or <c>null</c> when blank (or a placeholder such as <c>-</c>).</summary>
    internal static string? CellText(object? value) => value switch
    {
        null or DBNull => null,
        string s => TextNormalizer.NullIfBlank(s),
        double d when double.IsFinite(d) && Math.Abs(d) < 1e15 && d == Math.Floor(d) => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt when dt.TimeOfDay == TimeSpan.Zero => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => TextNormalizer.NullIfBlank(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => TextNormalizer.NullIfBlank(value.ToString()),
    };

    internal static string? Truncate(string? value) =>
        value is null || value.Length <= MaxValueLength ? value : value[..MaxValueLength];

    private IReadOnlyList<string>? FamilyCountries(Context ctx)
    {
        if (ctx.Text(RecordFields.FamilyCountries) is not { } text)
        {
            return null;
        }

        // Either country codes (同族国家/地区: CN;US;EP) or family members' publication numbers (CNIPA 同族专利), from whose
        // two-letter prefixes the countries follow.
        var countries = new List<string>();
        foreach (var item in Split(text, [.. _separators, ";", ",", "，", "|", " "]))
        {
            var t = TextNormalizer.Clean(item).ToUpperInvariant();
            string? country = null;
            if (t.Length == 2 && t.All(char.IsAsciiLetter))
            {
                country = t;
            }
            else if (PublicationNumber.TryParse(t) is { Success: true } pn && pn.Value.Country is { } c)
            {
                country = c;
            }

            if (country is null)
            {
                ctx.Error(RecordFields.FamilyCountries, text, $"expected two-letter country codes (CN;US) or family publication numbers (CN114081026A), got '{PublicationNumber.Truncate(item)}'");
                return null;
            }

            if (!countries.Contains(country, StringComparer.Ordinal))
            {
                countries.Add(country);
            }
        }

        return countries;
    }

    private string? ApplicantCountry(Context ctx)
    {
        if (ctx.Text(RecordFields.ApplicantCountry) is not { } text)
        {
            return null;
        }

        // One code per applicant (CN;US): the first applicant's.
        var first = TextNormalizer.Clean(Split(text, [.. _separators, ";", ","]).FirstOrDefault()).ToUpperInvariant();
        if (first.Length == 2 && first.All(char.IsAsciiLetter))
        {
            return first;
        }

        ctx.Error(RecordFields.ApplicantCountry, text, $"expected a two-letter country code like CN, got '{PublicationNumber.Truncate(text)}'");
        return null;
    }

    private static List<string> Split(string text, string[] separators)
    {
        var values = new List<string>();
        foreach (var part in text.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Length > 0 && !values.Contains(part, StringComparer.Ordinal))
            {
                values.Add(part);
            }
        }

        return values;
    }

    private readonly struct Context(RowMapper mapper, long row, object?[] cells, List<ImportError> errors)
    {
        public string? Header(string field) =>
            mapper._fieldIndex.TryGetValue(field, out var i) ? mapper._columns[i] : null;

        public object? Raw(string field) =>
            mapper._fieldIndex.TryGetValue(field, out var i) && i < cells.Length ? cells[i] : null;

        public string? Text(string field) => CellText(Raw(field));

        public RegionField? Field(string field) =>
            Header(field) is { } h ? new RegionField(h, Text(field)) : null;

        public void Error(string field, string? value, string reason) =>
            errors.Add(new ImportError(row, Header(field), Truncate(value), reason));

        public T? Parse<T>(string field, string text, Func<string?, ParseResult<T>> parse)
            where T : struct
        {
            var r = parse(text);
            if (r.Success)
            {
                return r.Value;
            }

            Error(field, text, r.Error);
            return null;
        }

        public T? TextParse<T>(string field, Func<string?, ParseResult<T>> parse)
            where T : struct => Text(field) is { } t ? Parse(field, t, parse) : null;

        public DateOnly? Date(string field)
        {
            var raw = Raw(field);
            if (raw is DateTime dt)
            {
                return DateOnly.FromDateTime(dt);
            }

            return Text(field) is { } t ? Parse(field, t, PatentDate.TryParse) : null;
        }

        public int? Count(string field)
        {
            if (Text(field) is not { } t)
            {
                return null;
            }

            var cleaned = TextNormalizer.Clean(t);
            if (int.TryParse(cleaned, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }

            if (decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && d <= int.MaxValue)
            {
                return (int)d;
            }

            Error(field, t, $"expected a whole number of 0 or more, got '{PublicationNumber.Truncate(t)}'");
            return null;
        }

        public IReadOnlyList<string> List(string field, bool names, string[]? separators = null)
        {
            if (Text(field) is not { } t)
            {
                return [];
            }

            var values = Split(t, separators ?? mapper._separators);
            if (names && mapper._layout == ExportLayout.Google)
            {
                values = RejoinCompanySuffixes(values);
            }

            return values;
        }

        /// <summary>Google Patents separates assignees with commas, which also occur in names (<c>Foo Co., Ltd.</c>): glue a
        /// piece that is only a company suffix back onto the name before it.</summary>
        private static List<string> RejoinCompanySuffixes(List<string> values)
        {
            string[] suffixes = ["ltd", "ltd.", "inc", "inc.", "llc", "co.", "co", "l.p.", "s.a.", "ag", "gmbh", "plc", "corp", "corp.", "limited"];
            var result = new List<string>();
            foreach (var v in values)
            {
                if (result.Count > 0 && suffixes.Contains(v.ToLowerInvariant()))
                {
                    result[^1] = result[^1] + ", " + v;
                }
                else
                {
                    result.Add(v);
                }
            }

            return result;
        }
    }
}
