using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatentNav.Records;

namespace PatentNav.Reports;

/// <summary>The report's JSON form (camelCase, enums as strings, nulls left out, Chinese unescaped), and paths into it.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Indented = new(PatentJson.Options) { WriteIndented = true };

    /// <summary>The report as indented JSON.</summary>
    public static string Serialize(NavigationReport report) => JsonSerializer.Serialize(report, Indented);

    /// <summary>The report as a JSON tree (what <see cref="Serialize"/> writes).</summary>
    public static JsonNode ToNode(NavigationReport report) =>
        JsonSerializer.SerializeToNode(report, PatentJson.Options) ?? throw new InvalidOperationException("a report serialises to an object");

    /// <summary>
    /// The value at a path such as <c>positioning.region.strongest[0].rta</c> (property names as in the JSON, array indices
    /// in brackets), or null when the path leads nowhere (a null value is left out of the JSON).
    /// </summary>
    public static JsonNode? At(JsonNode root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            var name = part;
            var bracket = name.IndexOf('[', StringComparison.Ordinal);
            var indices = new List<int>();
            if (bracket >= 0)
            {
                foreach (var index in name[bracket..].Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries))
                {
                    indices.Add(int.Parse(index, CultureInfo.InvariantCulture));
                }

                name = name[..bracket];
            }

            node = node is JsonObject o && o.TryGetPropertyValue(name, out var child) ? child : null;
            foreach (var i in indices)
            {
                node = node is JsonArray a && i < a.Count ? a[i] : null;
            }

            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>A leaf value as its raw JSON text without quotes (what a test compares with).</summary>
    public static string? Raw(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        _ => null,
    };
}
