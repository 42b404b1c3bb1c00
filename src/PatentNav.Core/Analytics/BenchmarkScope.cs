using System.Text.Json;
using System.Text.Json.Serialization;
using PatentNav.Places;
using PatentNav.Records;

namespace PatentNav.Analytics;

/// <summary>The kinds of <see cref="BenchmarkScope"/>.</summary>
public enum BenchmarkKind
{
    /// <summary>Every patent stored in the workspace.</summary>
    Workspace = 0,

    /// <summary>Patents attributed to a region of China.</summary>
    Nation,

    /// <summary>The patents of one administrative region (GB/T 2260).</summary>
    Region,

    /// <summary>The union of places of the place catalogue.</summary>
    Places,
}

/// <summary>What a place is compared with (比较基准): every stored patent, the nation, a region, or a union of places.</summary>
/// <remarks>In JSON it is its written form, a string (<see cref="Parse"/>, <see cref="ToString"/>).</remarks>
[JsonConverter(typeof(BenchmarkScopeJsonConverter))]
public sealed record BenchmarkScope
{
    private BenchmarkScope(BenchmarkKind kind, string? region, IReadOnlyList<string> places)
    {
        Kind = kind;
        Region = region;
        Places = places;
    }

    /// <summary>Every patent stored in the workspace (the default).</summary>
    public static BenchmarkScope Workspace { get; } = new(BenchmarkKind.Workspace, null, []);

    /// <summary>Patents attributed to a region of China (domestic applicants with a Chinese address or region field).</summary>
    public static BenchmarkScope Nation { get; } = new(BenchmarkKind.Nation, null, []);

    /// <summary>Which benchmark this is.</summary>
    public BenchmarkKind Kind { get; }

    /// <summary>The GB/T 2260 code when <see cref="Kind"/> is <see cref="BenchmarkKind.Region"/>.</summary>
    public string? Region { get; }

    /// <summary>The place ids (or names) when <see cref="Kind"/> is <see cref="BenchmarkKind.Places"/>; resolved against the
    /// workspace's place catalogue when the analysis runs.</summary>
    public IReadOnlyList<string> Places { get; }

    /// <summary>The patents of one administrative region.</summary>
    /// <exception cref="InvalidRequestException">The code is not a GB/T 2260 region.</exception>
    public static BenchmarkScope OfRegion(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return AdminDivisions.Default.FindByCode(code.Trim()) is { } division
            ? new BenchmarkScope(BenchmarkKind.Region, division.Code, [])
            : throw Unknown(code);
    }

    /// <summary>The union of places of the place catalogue.</summary>
    /// <exception cref="InvalidRequestException">No place is given.</exception>
    public static BenchmarkScope OfPlaces(IEnumerable<string> places)
    {
        ArgumentNullException.ThrowIfNull(places);
        var ids = places.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        return ids.Count > 0
            ? new BenchmarkScope(BenchmarkKind.Places, null, ids)
            : throw new InvalidRequestException("benchmark places: list at least one place id, e.g. places:320771,320772,xuwei", parameter: "benchmark");
    }

    /// <summary>Reads the written form: <c>workspace</c> (also empty), <c>nation</c>, a GB/T 2260 code (<c>32</c>) or
    /// <c>places:id1,id2,…</c>.</summary>
    /// <exception cref="InvalidRequestException">Any other text; the parameter is <c>benchmark</c>.</exception>
    public static BenchmarkScope Parse(string? text)
    {
        var b = text?.Trim() ?? string.Empty;
        if (b.Length == 0 || string.Equals(b, "workspace", StringComparison.OrdinalIgnoreCase))
        {
            return Workspace;
        }

        if (string.Equals(b, "nation", StringComparison.OrdinalIgnoreCase))
        {
            return Nation;
        }

        if (b.StartsWith("places:", StringComparison.OrdinalIgnoreCase))
        {
            return OfPlaces(b["places:".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return OfRegion(b);
    }

    /// <summary>The written form <see cref="Parse"/> reads.</summary>
    public override string ToString() => Kind switch
    {
        BenchmarkKind.Nation => "nation",
        BenchmarkKind.Region => Region!,
        BenchmarkKind.Places => "places:" + string.Join(",", Places),
        _ => "workspace",
    };

    private static InvalidRequestException Unknown(string? text) =>
        new($"unknown benchmark '{text}': use workspace, nation, a GB/T 2260 code (32) or places:id1,id2", parameter: "benchmark");
}

/// <summary>Reads and writes a <see cref="BenchmarkScope"/> as its written form.</summary>
internal sealed class BenchmarkScopeJsonConverter : JsonConverter<BenchmarkScope>
{
    public override BenchmarkScope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        BenchmarkScope.Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, BenchmarkScope value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
