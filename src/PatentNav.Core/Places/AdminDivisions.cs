using System.Reflection;

namespace PatentNav.Places;

/// <summary>One administrative division of China (GB/T 2260): a province (2-digit code), city (4) or district/county (6).</summary>
/// <param name="Code">The code: <c>32</c>, <c>3207</c>, <c>320706</c>.</param>
/// <param name="Name">The full name, e.g. 江苏省, 连云港市, 海州区. Municipality cities carry the municipality's name (北京市),
/// not the code list's placeholder 市辖区.</param>
/// <param name="ShortName">The name without its administrative suffix (江苏, 连云港, 海州), or the full name when stripping would
/// leave fewer than two characters.</param>
/// <param name="ParentCode">The code of the containing division, or <c>null</c> for a province.</param>
public sealed record AdminDivision(string Code, string Name, string ShortName, string? ParentCode);

/// <summary>
/// China's administrative divisions (provinces, prefecture-level cities, districts and counties, GB/T 2260), loaded once from
/// the embedded copy of the <c>china-division</c> 2.7.0 code list.
/// </summary>
/// <remarks>
/// <para>The code list writes the cities of the four municipalities as 市辖区 (districts) and 县 (counties): they are named
/// after the municipality here (1101 北京市, 5001 and 5002 重庆市), so that 北京市海淀区 resolves to city 1101, district 110108.</para>
/// <para>320772 连云港高新技术产业开发区 is added in code: the bundled list (china-division 2.7.0) lacks it, although other
/// editions of the code list carry it (see Resources/admin-divisions/SOURCE.md).</para>
/// <para>Thread safety: immutable after construction; safe for concurrent use.</para>
/// </remarks>
public sealed class AdminDivisions
{
    private static readonly Lazy<AdminDivisions> LazyDefault = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly string[] MunicipalityCodes = ["11", "12", "31", "50"];

    private readonly Dictionary<string, AdminDivision> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AdminDivision>> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AdminDivision>> _byName = new(StringComparer.Ordinal);

    /// <summary>Builds the table from rows of the three code lists.</summary>
    /// <param name="provinces">(code, name) rows, 2-digit codes.</param>
    /// <param name="cities">(code, name, provinceCode) rows, 4-digit codes.</param>
    /// <param name="areas">(code, name, cityCode) rows, 6-digit codes.</param>
    public AdminDivisions(
        IEnumerable<(string Code, string Name)> provinces,
        IEnumerable<(string Code, string Name, string ProvinceCode)> cities,
        IEnumerable<(string Code, string Name, string CityCode)> areas)
    {
        ArgumentNullException.ThrowIfNull(provinces);
        ArgumentNullException.ThrowIfNull(cities);
        ArgumentNullException.ThrowIfNull(areas);
        foreach (var (code, name) in provinces)
        {
            Add(new AdminDivision(code, name, ShortenProvince(name), null));
        }

        foreach (var (code, name, province) in cities)
        {
            var display = name;
            if (MunicipalityCodes.Contains(province) && (name is "市辖区" or "县" or "郊县"))
            {
                display = _byCode.TryGetValue(province, out var p) ? p.Name : name;
            }

            Add(new AdminDivision(code, display, ShortenCity(display), province));
        }

        foreach (var (code, name, city) in areas)
        {
            Add(new AdminDivision(code, name, ShortenDistrict(name), city));
        }
    }

    /// <summary>The embedded code list, loaded on first use.</summary>
    public static AdminDivisions Default => LazyDefault.Value;

    /// <summary>All provinces (province-level divisions) in code order.</summary>
    public IReadOnlyList<AdminDivision> Provinces => ChildrenOf(string.Empty);

    /// <summary>Looks a division up by its 2-, 4- or 6-digit code.</summary>
    /// <returns>The division, or <c>null</c> when the code is unknown.</returns>
    public AdminDivision? FindByCode(string? code) =>
        code is not null && _byCode.TryGetValue(code.Trim(), out var d) ? d : null;

    /// <summary>Every division with this full or short name (鼓楼区 names four districts), in code order.</summary>
    public IReadOnlyList<AdminDivision> FindByName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }

        return _byName.TryGetValue(name.Trim(), out var list) ? list : [];
    }

    /// <summary>The divisions directly inside <paramref name="parentCode"/> (the cities of a province, the districts of a
    /// city); the empty string gives the provinces.</summary>
    public IReadOnlyList<AdminDivision> ChildrenOf(string parentCode) =>
        _children.TryGetValue(parentCode, out var list) ? list : [];

    /// <summary>The province, city and district a code names, from the top: <c>320706</c> gives 江苏省, 连云港市, 海州区.</summary>
    public (AdminDivision? Province, AdminDivision? City, AdminDivision? District) Expand(AdminDivision division)
    {
        ArgumentNullException.ThrowIfNull(division);
        return division.Code.Length switch
        {
            2 => (division, null, null),
            4 => (FindByCode(division.ParentCode), division, null),
            _ => (FindByCode(division.Code[..2]), FindByCode(division.ParentCode), division),
        };
    }

    private void Add(AdminDivision d)
    {
        _byCode[d.Code] = d;
        var parent = d.ParentCode ?? string.Empty;
        if (!_children.TryGetValue(parent, out var siblings))
        {
            _children[parent] = siblings = [];
        }

        siblings.Add(d);
        AddName(d.Name, d);
        if (!string.Equals(d.ShortName, d.Name, StringComparison.Ordinal))
        {
            AddName(d.ShortName, d);
        }
    }

    private void AddName(string name, AdminDivision d)
    {
        if (!_byName.TryGetValue(name, out var list))
        {
            _byName[name] = list = [];
        }

        list.Add(d);
    }

    private static AdminDivisions LoadEmbedded()
    {
        var provinces = ReadCsv("provinces.csv").Select(r => (r[0], r[1])).ToList();
        var cities = ReadCsv("cities.csv").Select(r => (r[0], r[1], r[2])).ToList();
        var areas = ReadCsv("areas.csv").Select(r => (r[0], r[1], r[2])).ToList();

        // Not in china-division 2.7.0 but in other editions of the GB/T 2260 list (SOURCE.md): Lianyungang's high-tech zone,
        // one of the city's parks.
        if (!areas.Any(a => a.Item1 == "320772"))
        {
            areas.Add(("320772", "连云港高新技术产业开发区", "3207"));
        }

        return new AdminDivisions(provinces, cities, areas);
    }

    private static IEnumerable<string[]> ReadCsv(string file)
    {
        var name = "PatentNav.admin-divisions/" + file;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource '{name}' is missing from PatentNav.Core");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        _ = reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            // The files are simple: numeric codes and quoted names without commas.
            rows.Add(line.Split(',').Select(c => c.Trim().Trim('"')).ToArray());
        }

        return rows;
    }

    internal static string ShortenProvince(string name)
    {
        foreach (var suffix in (string[])["壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length - suffix.Length >= 2)
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    internal static string ShortenCity(string name)
    {
        foreach (var suffix in (string[])["地区", "盟", "市"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length - suffix.Length >= 2)
            {
                return name[..^suffix.Length];
            }
        }

        // Autonomous prefectures (延边朝鲜族自治州, 西双版纳傣族自治州) keep their full name: cutting before the ethnic name
        // needs the ethnic name's length, and a wrong cut (黔西南… → 黔西) would collide with other places.
        return name;
    }

    internal static string ShortenDistrict(string name)
    {
        // Only the plain suffixes; 开发区 names stay whole. A one-character remainder (城区, 郊区) is too ambiguous.
        if (name.EndsWith("开发区", StringComparison.Ordinal) || name.EndsWith("新区", StringComparison.Ordinal))
        {
            return name;
        }

        foreach (var suffix in (string[])["自治县", "区", "县", "市", "旗"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length - suffix.Length >= 2)
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }
}
