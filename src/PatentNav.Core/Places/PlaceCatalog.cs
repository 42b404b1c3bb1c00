using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using PatentNav.Records;

namespace PatentNav.Places;

/// <summary>The JSON document of a place catalogue (地区与园区配置; see docs/places.md).</summary>
public sealed record PlaceCatalogDefinition
{
    /// <summary>A readable name, e.g. 连云港市区县与园区.</summary>
    public string? Name { get; init; }

    /// <summary>A version label chosen by the editor.</summary>
    public string? Version { get; init; }

    /// <summary>Where the definitions come from.</summary>
    public string? Source { get; init; }

    /// <summary>Free text for editors.</summary>
    public string? Description { get; init; }

    /// <summary>The places, at least one.</summary>
    public IReadOnlyList<PlaceDefinition>? Places { get; init; }
}

/// <summary>One place of a catalogue: a province, city, district or park (园区).</summary>
public sealed record PlaceDefinition
{
    /// <summary>The id used in requests: letters, digits, <c>-</c>, <c>_</c> (at most 40); an all-digit id must be a GB/T 2260 code.</summary>
    public string? Id { get; init; }

    /// <summary>The display name, e.g. 连云港经济技术开发区.</summary>
    public string? Name { get; init; }

    /// <summary><c>province</c>, <c>city</c>, <c>district</c> or <c>park</c>; peers in rankings are places of the same level.</summary>
    public string? Level { get; init; }

    /// <summary>Other names the place is found by (连云港经开区).</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>Free text for editors.</summary>
    public string? Description { get; init; }

    /// <summary>GB/T 2260 codes (2, 4 or 6 digits): a patent whose region has one of them at any level is in the place.</summary>
    public IReadOnlyList<string>? Codes { get; init; }

    /// <summary>Fragments of the applicant's address (at least 2 characters each, compared after NFKC normalisation): a
    /// patent whose address contains one is in the place.</summary>
    public IReadOnlyList<string>? AddressPatterns { get; init; }

    /// <summary>A GB/T 2260 code that address matches must lie within when the record's region is known (so that 徐圩 in
    /// another city's address does not count).</summary>
    public string? Within { get; init; }

    /// <summary>The id of the containing place, for display (a park's city).</summary>
    public string? Parent { get; init; }
}

/// <summary>The level of a place.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlaceLevel>))]
public enum PlaceLevel
{
    /// <summary>Province-level division (省级).</summary>
    Province,

    /// <summary>Prefecture-level city (地级市).</summary>
    City,

    /// <summary>District or county (区县).</summary>
    District,

    /// <summary>Park (园区): a set of district codes and/or address patterns.</summary>
    Park,
}

/// <summary>Why a patent is in a place: which field or address fragment decided it.</summary>
/// <param name="PlaceId">The place.</param>
/// <param name="Name">Its name.</param>
/// <param name="Level">Its level.</param>
/// <param name="Rule"><c>code</c> (the region's code) or <c>address</c> (an address pattern).</param>
/// <param name="Basis">The evidence in words: the code and what decided the record's region, or the address and the fragment.</param>
public sealed record PlaceMatch(string PlaceId, string Name, PlaceLevel Level, string Rule, string Basis);

/// <summary>A place: codes and/or address patterns, validated.</summary>
/// <remarks>Thread safety: immutable; safe for concurrent use.</remarks>
public sealed class Place
{
    internal Place(string id, string name, PlaceLevel level, IReadOnlyList<string> aliases, IReadOnlyList<string> codes, IReadOnlyList<string> patterns, string? within, string? parent, string? description, bool configured)
    {
        Id = id;
        Name = name;
        Level = level;
        Aliases = aliases;
        Codes = codes;
        AddressPatterns = patterns;
        Within = within;
        Parent = parent;
        Description = description;
        Configured = configured;
    }

    /// <summary>The id.</summary>
    public string Id { get; }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The level.</summary>
    public PlaceLevel Level { get; }

    /// <summary>Other names.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>GB/T 2260 codes.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>Address fragments.</summary>
    public IReadOnlyList<string> AddressPatterns { get; }

    /// <summary>The region address matches must lie within, when the record's region is known.</summary>
    public string? Within { get; }

    /// <summary>The containing place's id.</summary>
    public string? Parent { get; }

    /// <summary>Free text.</summary>
    public string? Description { get; }

    /// <summary>True for a place of the catalogue; false for a division taken from GB/T 2260 on request.</summary>
    public bool Configured { get; }

    /// <summary>Whether the place can be expressed as a region filter alone (codes, no address patterns).</summary>
    public bool CodesOnly => AddressPatterns.Count == 0;

    /// <summary>Whether a record is in this place and why; <c>null</c> when it is not.</summary>
    public PlaceMatch? Match(PatentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Region is { } region && Codes.Count > 0)
        {
            foreach (var code in region.LevelCodes())
            {
                if (Codes.Contains(code, StringComparer.Ordinal))
                {
                    var label = code.Length switch { 2 => region.ProvinceName, 4 => region.CityName, _ => region.DistrictName };
                    return new PlaceMatch(Id, Name, Level, "code", $"region code {code} {label} (the record's region was decided by: {region.Basis})");
                }
            }
        }

        if (AddressPatterns.Count > 0 && !string.IsNullOrWhiteSpace(record.ApplicantAddress))
        {
            if (Within is not null && record.Region is { } r && !r.LevelCodes().Contains(Within, StringComparer.Ordinal))
            {
                return null;
            }

            var address = TextNormalizer.Clean(record.ApplicantAddress);
            foreach (var pattern in AddressPatterns)
            {
                if (address.Contains(pattern, StringComparison.Ordinal))
                {
                    return new PlaceMatch(Id, Name, Level, "address", $"applicant address '{address}' contains '{pattern}'");
                }
            }
        }

        return null;
    }

    /// <summary>The rule in words, for reports.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Codes.Count > 0)
        {
            parts.Add("region code " + string.Join(" or ", Codes));
        }

        if (AddressPatterns.Count > 0)
        {
            parts.Add("applicant address containing " + string.Join(" or ", AddressPatterns.Select(p => "'" + p + "'")) + (Within is null ? string.Empty : $" (region within {Within} when known)"));
        }

        return string.Join("; or ", parts);
    }
}

/// <summary>A place catalogue that cannot be used; <see cref="Errors"/> lists every problem with its JSON path.</summary>
public sealed class PlaceValidationException : InvalidRequestException
{
    /// <summary>Creates the exception.</summary>
    public PlaceValidationException(IReadOnlyList<PlaceError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>The problems, in document order.</summary>
    public IReadOnlyList<PlaceError> Errors { get; }

    private static string Describe(IReadOnlyList<PlaceError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = errors.Count > 0 ? $"{errors[0].Path}: {errors[0].Message}" : "no details";
        return errors.Count <= 1
            ? "The place catalogue is invalid: " + first
            : string.Create(CultureInfo.InvariantCulture, $"The place catalogue is invalid ({errors.Count} problems); first: {first}");
    }
}

/// <summary>One problem of a place catalogue.</summary>
/// <param name="Path">Where, e.g. <c>places[3].codes[0]</c>.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record PlaceError(string Path, string Message);

/// <summary>
/// The places (地区与园区) positioning and chokepoints are computed for: provinces, cities, districts and parks, each a set of
/// GB/T 2260 codes and/or applicant-address patterns. The default for 连云港 ships in Core
/// (Resources/places/lianyungang-places.json); any GB/T 2260 code is a place too, without configuration.
/// </summary>
/// <remarks>Thread safety: immutable; safe for concurrent use. Build one with <see cref="Parse"/>, which validates.</remarks>
public sealed partial class PlaceCatalog
{
    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static readonly Lazy<PlaceCatalog> LazyDefault = new(() => Parse(DefaultJson), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly AdminDivisions _divisions;
    private readonly Dictionary<string, Place> _byId;

    private PlaceCatalog(PlaceCatalogDefinition definition, IReadOnlyList<Place> places, AdminDivisions divisions)
    {
        Definition = definition;
        Places = places;
        _divisions = divisions;
        _byId = places.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>The embedded default for 连云港.</summary>
    public static PlaceCatalog Default => LazyDefault.Value;

    /// <summary>The JSON text of the embedded default.</summary>
    public static string DefaultJson
    {
        get
        {
            const string name = "PatentNav.places/lianyungang-places.json";
            using var stream = typeof(PlaceCatalog).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }

    /// <summary>The validated document.</summary>
    public PlaceCatalogDefinition Definition { get; }

    /// <summary>The configured places in document order.</summary>
    public IReadOnlyList<Place> Places { get; }

    /// <summary>The catalogue's name.</summary>
    public string Name => Definition.Name ?? "places";

    /// <summary>
    /// A place by configured id, name or alias, or else any GB/T 2260 code (<c>32</c>, <c>3207</c>, <c>320706</c>) as a
    /// place of its level; <c>null</c> when neither.
    /// </summary>
    public Place? Find(string? idOrCode)
    {
        if (string.IsNullOrWhiteSpace(idOrCode))
        {
            return null;
        }

        var key = TextNormalizer.Clean(idOrCode);
        if (_byId.TryGetValue(key, out var place))
        {
            return place;
        }

        var named = Places.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.Ordinal) || p.Aliases.Contains(key, StringComparer.Ordinal));
        if (named is not null)
        {
            return named;
        }

        return _divisions.FindByCode(key) is { } d ? FromDivision(d) : null;
    }

    /// <summary>Every place a record is in, with the reason: the configured places it matches, then the province, city
    /// and district of its region that are not configured, from the widest.</summary>
    public IReadOnlyList<PlaceMatch> Match(PatentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var result = new List<PlaceMatch>();
        foreach (var place in Places)
        {
            if (place.Match(record) is { } m)
            {
                result.Add(m);
            }
        }

        if (record.Region is { } region)
        {
            foreach (var code in region.LevelCodes())
            {
                if (!_byId.ContainsKey(code) && _divisions.FindByCode(code) is { } d && FromDivision(d).Match(record) is { } m)
                {
                    result.Add(m);
                }
            }
        }

        return result.OrderBy(m => m.Level).ThenBy(m => m.PlaceId, StringComparer.Ordinal).ToList();
    }

    /// <summary>A GB/T 2260 division as a place of its level (codes = its own code).</summary>
    public Place FromDivision(AdminDivision division)
    {
        ArgumentNullException.ThrowIfNull(division);
        var level = division.Code.Length switch { 2 => PlaceLevel.Province, 4 => PlaceLevel.City, _ => PlaceLevel.District };
        return new Place(division.Code, division.Name, level, [], [division.Code], [], null, division.ParentCode, null, configured: false);
    }

    /// <summary>The document as indented JSON (Chinese unescaped), as stored in the data directory.</summary>
    public string ToJson() => JsonSerializer.Serialize(Definition, WriteOptions);

    /// <summary>Parses and validates a place catalogue.</summary>
    /// <param name="json">The JSON text (comments and trailing commas allowed).</param>
    /// <param name="divisions">The code list codes are checked against; <see cref="AdminDivisions.Default"/> when null.</param>
    /// <exception cref="PlaceValidationException">The document is invalid; every problem is listed with its path.</exception>
    public static PlaceCatalog Parse(string json, AdminDivisions? divisions = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        divisions ??= AdminDivisions.Default;
        PlaceCatalogDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<PlaceCatalogDefinition>(json, ReadOptions);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path;
            var unknown = UnknownJsonProperty.TryFrom(ex, typeof(PlaceCatalogDefinition), ReadOptions);
            path = unknown?.Path ?? path;
            var message = unknown?.Message ?? "not valid JSON for a place catalogue: " + ex.Message.Split(" Path:", 2)[0];
            throw new PlaceValidationException([new PlaceError(path, message)]);
        }

        if (definition is null)
        {
            throw new PlaceValidationException([new PlaceError("$", "expected a JSON object with 'places', got null")]);
        }

        var errors = new List<PlaceError>();
        var places = Validate(definition, divisions, errors);
        if (errors.Count > 0)
        {
            throw new PlaceValidationException(errors);
        }

        return new PlaceCatalog(definition, places, divisions);
    }

    private static List<Place> Validate(PlaceCatalogDefinition definition, AdminDivisions divisions, List<PlaceError> errors)
    {
        var places = new List<Place>();
        if (definition.Places is not { Count: > 0 })
        {
            errors.Add(new PlaceError("places", "at least one place is required"));
            return places;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Places.Count; i++)
        {
            var p = definition.Places[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"places[{i}]");
            if (p is null)
            {
                errors.Add(new PlaceError(at, "expected a place object, got null"));
                continue;
            }

            var before = errors.Count;
            var id = p.Id?.Trim() ?? string.Empty;
            if (!IdPattern().IsMatch(id))
            {
                errors.Add(new PlaceError(at + ".id", $"expected 1–40 letters, digits, '-' or '_', got '{p.Id}'"));
            }
            else if (id.All(char.IsAsciiDigit) && divisions.FindByCode(id) is null)
            {
                errors.Add(new PlaceError(at + ".id", $"an all-digit id must be a GB/T 2260 code (32, 3207, 320706); '{id}' is not in the code list"));
            }
            else if (!ids.Add(id))
            {
                errors.Add(new PlaceError(at + ".id", $"duplicate id '{id}'"));
            }

            if (string.IsNullOrWhiteSpace(p.Name))
            {
                errors.Add(new PlaceError(at + ".name", "a name is required"));
            }

            PlaceLevel level = default;
            if (p.Level is null || !Enum.TryParse(p.Level.Trim(), ignoreCase: true, out level) || !Enum.IsDefined(level) || p.Level.Trim().All(char.IsAsciiDigit))
            {
                errors.Add(new PlaceError(at + ".level", $"expected province, city, district or park, got '{p.Level}'"));
            }

            var codes = new List<string>();
            for (var c = 0; c < (p.Codes?.Count ?? 0); c++)
            {
                var code = p.Codes![c]?.Trim() ?? string.Empty;
                if (divisions.FindByCode(code) is null)
                {
                    errors.Add(new PlaceError(string.Create(CultureInfo.InvariantCulture, $"{at}.codes[{c}]"), $"expected a GB/T 2260 code of 2, 4 or 6 digits that is in the code list, got '{p.Codes[c]}'"));
                }
                else
                {
                    codes.Add(code);
                }
            }

            var patterns = new List<string>();
            for (var a = 0; a < (p.AddressPatterns?.Count ?? 0); a++)
            {
                var pattern = TextNormalizer.Clean(p.AddressPatterns![a]);
                if (pattern.Length < 2)
                {
                    errors.Add(new PlaceError(string.Create(CultureInfo.InvariantCulture, $"{at}.addressPatterns[{a}]"), $"an address pattern needs at least 2 characters, got '{p.AddressPatterns[a]}'"));
                }
                else
                {
                    patterns.Add(pattern);
                }
            }

            if ((p.Codes?.Count ?? 0) == 0 && (p.AddressPatterns?.Count ?? 0) == 0)
            {
                errors.Add(new PlaceError(at, "a place needs at least one of 'codes' and 'addressPatterns'"));
            }

            var within = p.Within?.Trim();
            if (within is not null && divisions.FindByCode(within) is null)
            {
                errors.Add(new PlaceError(at + ".within", $"expected a GB/T 2260 code, got '{p.Within}'"));
            }

            if (errors.Count == before)
            {
                places.Add(new Place(
                    id,
                    p.Name!.Trim(),
                    level,
                    p.Aliases?.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => TextNormalizer.Clean(x)).ToList() ?? [],
                    codes,
                    patterns,
                    within,
                    string.IsNullOrWhiteSpace(p.Parent) ? null : p.Parent.Trim(),
                    p.Description,
                    configured: true));
            }
        }

        for (var i = 0; i < definition.Places.Count; i++)
        {
            var parent = definition.Places[i]?.Parent?.Trim();
            if (!string.IsNullOrEmpty(parent) && !ids.Contains(parent) && divisions.FindByCode(parent) is null)
            {
                errors.Add(new PlaceError(string.Create(CultureInfo.InvariantCulture, $"places[{i}].parent"), $"'{parent}' is neither a place id of this catalogue nor a GB/T 2260 code"));
            }
        }

        return places;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_\-]{1,40}$")]
    private static partial Regex IdPattern();
}
