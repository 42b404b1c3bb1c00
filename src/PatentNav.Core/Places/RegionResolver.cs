using System.Text;
using PatentNav.Records;

namespace PatentNav.Places;

/// <summary>One region-bearing cell of an export: the column it came from (for the basis and for errors) and its value.</summary>
/// <param name="Label">The column header as written, e.g. 国省代码 or 中国申请人区县.</param>
/// <param name="Value">The cell's text.</param>
public readonly record struct RegionField(string Label, string? Value);

/// <summary>The region-bearing cells of one record; any may be absent.</summary>
public sealed record RegionInput
{
    /// <summary>A district/county name or 6-digit code (incoPat 中国申请人区县, PatSnap 当前申请(专利权)人区县).</summary>
    public RegionField? District { get; init; }

    /// <summary>A city name or 4-digit code (incoPat 中国申请人地市, PatSnap 当前申请(专利权)人地市).</summary>
    public RegionField? City { get; init; }

    /// <summary>A province (or city) code, or names separated by <c>;</c>: CNIPA 国省代码 (<c>32</c>), incoPat 申请人省市代码
    /// (<c>32</c>, <c>3207</c>, <c>江苏;连云港</c>).</summary>
    public RegionField? ProvinceCode { get; init; }

    /// <summary>A province name (PatSnap 当前申请(专利权)人州/省).</summary>
    public RegionField? Province { get; init; }

    /// <summary>The applicant's postal address (申请人地址).</summary>
    public RegionField? Address { get; init; }
}

/// <summary>The outcome of <see cref="RegionResolver.Resolve"/>: a region (or none), or a malformed cell.</summary>
/// <param name="Region">The region, or <c>null</c> when nothing identifies a Chinese region (foreign or missing address).</param>
/// <param name="ErrorField">The column of a malformed code (e.g. <c>3x</c>), or <c>null</c>.</param>
/// <param name="Error">Why that cell is malformed, or <c>null</c>.</param>
public sealed record RegionResult(RegionInfo? Region, RegionField? ErrorField = null, string? Error = null)
{
    /// <summary>Whether a cell was malformed (the row should be rejected).</summary>
    public bool Failed => Error is not null;
}

/// <summary>
/// Attributes a patent to a region of China (province → city → district) from an export's region columns and, where they say
/// less than a district, from the applicant's address.
/// </summary>
/// <remarks>
/// <para>Order: district field, city field, province code/name fields; each narrower field is looked up inside what the wider
/// fields established (鼓楼区 names four districts, so a district name alone resolves only when it is unique or a city is known).
/// When the fields stop above district level (CNIPA's 国省代码 gives only the province), the address is parsed too and used if
/// it agrees with the fields and is more specific; the <see cref="RegionInfo.Basis"/> then names both.</para>
/// <para>Address parsing: a leading 6-digit postcode is skipped, then a province (full or short name: 江苏省 / 江苏), a city within
/// it (连云港市 / 连云港), then a district within that city (海州区). An address may begin with the city (连云港市海州区…). Foreign or
/// unparseable addresses give no region; that is not an error. A field holding a code-like value that is not a code
/// (<c>3x</c>, <c>321</c>) is an error; a well-formed code or a name that is not in the list gives no region, silently.</para>
/// <para>Thread safety: stateless over an immutable <see cref="AdminDivisions"/>; safe for concurrent use.</para>
/// </remarks>
public sealed class RegionResolver
{
    private static readonly Lazy<RegionResolver> LazyDefault = new(() => new RegionResolver(AdminDivisions.Default));

    private readonly AdminDivisions _divisions;

    /// <summary>Creates a resolver over a code list.</summary>
    public RegionResolver(AdminDivisions divisions)
    {
        ArgumentNullException.ThrowIfNull(divisions);
        _divisions = divisions;
    }

    /// <summary>A resolver over <see cref="AdminDivisions.Default"/>.</summary>
    public static RegionResolver Default => LazyDefault.Value;

    /// <summary>Resolves a record's region from its fields and address.</summary>
    public RegionResult Resolve(RegionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        AdminDivision? province = null;
        AdminDivision? city = null;
        AdminDivision? district = null;
        var basis = new List<string>();

        // Widest first, so that narrower names are looked up inside what is already known.
        foreach (var field in new[] { input.ProvinceCode, input.Province, input.City, input.District })
        {
            if (field is not { } f || TextNormalizer.NullIfBlank(f.Value) is not { } raw)
            {
                continue;
            }

            var value = TextNormalizer.Clean(raw);
            if (LooksLikeCode(value))
            {
                if (!IsWellFormedCode(value))
                {
                    return new RegionResult(null, f, $"expected an administrative division code of 2, 4 or 6 digits (GB/T 2260) like 32, 3207 or 320706, got '{Truncate(raw)}'");
                }

                if (_divisions.FindByCode(value) is not { } byCode || !Consistent(byCode, province, city))
                {
                    continue;
                }

                (province, city, district) = Narrow(byCode, province, city, district);
                basis.Add($"{f.Label}={value}");
                continue;
            }

            // Names, possibly several levels separated by ; (incoPat 申请人省市代码 "江苏;连云港").
            var matched = false;
            foreach (var part in value.Split([';', '；', ',', '，', '/', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (FindByName(part, province, city) is { } byName)
                {
                    (province, city, district) = Narrow(byName, province, city, district);
                    matched = true;
                }
            }

            if (matched)
            {
                basis.Add($"{f.Label}={value}");
            }
        }

        if (district is null && input.Address is { } address && ParseAddress(address.Value) is { } fromAddress)
        {
            var (ap, ac, ad) = _divisions.Expand(fromAddress.Division);
            var agrees = (province is null || ap?.Code == province.Code) && (city is null || ac?.Code == city.Code);
            var moreSpecific = fromAddress.Division.Code.Length > (city?.Code.Length ?? province?.Code.Length ?? 0);
            if (agrees && moreSpecific)
            {
                (province, city, district) = (ap, ac, ad);
                basis.Add($"{address.Label}: {fromAddress.Matched}");
            }
        }

        if (province is null)
        {
            return new RegionResult(null);
        }

        return new RegionResult(new RegionInfo(
            province.Code, province.Name, city?.Code, city?.Name, district?.Code, district?.Name, string.Join("; ", basis)));
    }

    /// <summary>Resolves a region from an address alone (see the remarks of <see cref="RegionResolver"/>).</summary>
    /// <returns>The region, or <c>null</c> for a foreign or unparseable address.</returns>
    public RegionInfo? ResolveAddress(string? address, string label = "申请人地址") =>
        Resolve(new RegionInput { Address = new RegionField(label, address) }).Region;

    private (AdminDivision Division, string Matched)? ParseAddress(string? address)
    {
        var text = RemoveSpaces(TextNormalizer.Clean(address));
        if (text.Length == 0)
        {
            return null;
        }

        var pos = 0;
        var postcode = 0;
        while (postcode < text.Length && char.IsAsciiDigit(text[postcode]))
        {
            postcode++;
        }

        if (postcode == 6)
        {
            pos = 6;
        }
        else if (postcode > 0)
        {
            return null; // a number that is not a Chinese postcode: not an address we can read
        }

        foreach (var prefix in (string[])["中华人民共和国", "中国"])
        {
            if (text.AsSpan(pos).StartsWith(prefix, StringComparison.Ordinal))
            {
                pos += prefix.Length;
                break;
            }
        }

        var start = pos;
        AdminDivision? province = MatchAt(text, ref pos, _divisions.Provinces, useShort: true);
        AdminDivision? city = null;
        var cityStart = pos;
        if (province is not null)
        {
            var cities = _divisions.ChildrenOf(province.Code);
            city = MatchAt(text, ref pos, cities, useShort: true);
            if (city is null && cities.Count > 0 && IsMunicipality(province))
            {
                city = cities[0]; // 北京市海淀区: the city is implicit
            }
        }
        else
        {
            // An address may start with the city: 连云港市海州区…
            city = MatchAt(text, ref pos, _divisions.Provinces.SelectMany(p => _divisions.ChildrenOf(p.Code)), useShort: false)
                ?? MatchAt(text, ref pos, _divisions.Provinces.SelectMany(p => _divisions.ChildrenOf(p.Code)), useShort: true);
            if (city is null)
            {
                return null;
            }

            province = _divisions.FindByCode(city.ParentCode);
        }

        if (province is null)
        {
            return null;
        }

        var district = MatchDistrict(text, pos, cityStart, province, city);
        if (district is { } d)
        {
            city ??= _divisions.FindByCode(d.Division.ParentCode);
            return (d.Division, text[start..d.End]);
        }

        return city is not null ? (city, text[start..pos]) : (province, text[start..pos]);
    }

    private (AdminDivision Division, int End)? MatchDistrict(string text, int pos, int cityStart, AdminDivision province, AdminDivision? city)
    {
        IEnumerable<AdminDivision> candidates;
        if (city is not null)
        {
            candidates = _divisions.ChildrenOf(city.Code);
            if (IsMunicipality(province))
            {
                // 重庆: districts (5001) and counties (5002) are two "cities" in the code list.
                candidates = _divisions.ChildrenOf(province.Code).SelectMany(c => _divisions.ChildrenOf(c.Code));
            }
        }
        else
        {
            // No city: only a district name that is unique within the province.
            candidates = _divisions.ChildrenOf(province.Code).SelectMany(c => _divisions.ChildrenOf(c.Code))
                .GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() == 1).Select(g => g.First());
        }

        var list = candidates.ToList();
        foreach (var at in pos == cityStart ? [pos] : new[] { pos, cityStart })
        {
            AdminDivision? best = null;
            var bestEnd = -1;
            foreach (var d in list)
            {
                foreach (var name in DistrictNames(d, city))
                {
                    if (text.AsSpan(at).StartsWith(name, StringComparison.Ordinal) && at + name.Length > bestEnd)
                    {
                        best = d;
                        bestEnd = at + name.Length;
                    }
                }
            }

            if (best is not null)
            {
                return (best, bestEnd);
            }
        }

        return null;
    }

    private static IEnumerable<string> DistrictNames(AdminDivision district, AdminDivision? city)
    {
        yield return district.Name;

        // 连云港经济技术开发区 is written 连云港市经济技术开发区 in addresses: accept the name without the city's short name.
        if (city is not null && district.Name.StartsWith(city.ShortName, StringComparison.Ordinal)
            && district.Name.Length - city.ShortName.Length >= 3)
        {
            yield return district.Name[city.ShortName.Length..];
        }
    }

    private static AdminDivision? MatchAt(string text, ref int pos, IEnumerable<AdminDivision> candidates, bool useShort)
    {
        AdminDivision? best = null;
        var bestLength = 0;
        foreach (var d in candidates)
        {
            if (d.Name is "省直辖县级行政区划" or "自治区直辖县级行政区划")
            {
                continue;
            }

            foreach (var name in useShort ? [d.Name, d.ShortName] : new[] { d.Name })
            {
                if (name.Length > bestLength && text.AsSpan(pos).StartsWith(name, StringComparison.Ordinal))
                {
                    best = d;
                    bestLength = name.Length;
                }
            }
        }

        pos += bestLength;
        return best;
    }

    private AdminDivision? FindByName(string name, AdminDivision? province, AdminDivision? city)
    {
        var candidates = _divisions.FindByName(name).Where(d => Consistent(d, province, city)).ToList();
        if (candidates.Count == 0 && (name.EndsWith('市') || name.EndsWith('省')))
        {
            candidates = _divisions.FindByName(name[..^1]).Where(d => Consistent(d, province, city)).ToList();
        }

        // Prefer the widest level that matches (北京市 is a province and a city: take the province, then narrow), and only
        // accept a name that is unambiguous at that level.
        foreach (var level in (int[])[2, 4, 6])
        {
            var atLevel = candidates.Where(d => d.Code.Length == level).ToList();
            if (atLevel.Count == 1)
            {
                return atLevel[0];
            }

            if (atLevel.Count > 1)
            {
                return null;
            }
        }

        return null;
    }

    private (AdminDivision? Province, AdminDivision? City, AdminDivision? District) Narrow(
        AdminDivision found, AdminDivision? province, AdminDivision? city, AdminDivision? district)
    {
        var (p, c, d) = _divisions.Expand(found);
        return (p ?? province, c ?? city, d ?? district);
    }

    private static bool Consistent(AdminDivision d, AdminDivision? province, AdminDivision? city)
    {
        if (city is not null && d.Code.Length == 6)
        {
            // Chongqing's districts and counties sit under two city codes.
            return d.ParentCode == city.Code || (IsMunicipalityCode(city.Code[..2]) && d.Code.StartsWith(city.Code[..2], StringComparison.Ordinal));
        }

        return province is null || d.Code.StartsWith(province.Code, StringComparison.Ordinal) || province.Code.StartsWith(d.Code, StringComparison.Ordinal);
    }

    private static bool IsMunicipality(AdminDivision province) => IsMunicipalityCode(province.Code);

    private static bool IsMunicipalityCode(string code) => code is "11" or "12" or "31" or "50";

    private static bool LooksLikeCode(string value) => value.Any(char.IsAsciiDigit);

    private static bool IsWellFormedCode(string value) => value.Length is 2 or 4 or 6 && value.All(char.IsAsciiDigit);

    private static string RemoveSpaces(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (!char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
