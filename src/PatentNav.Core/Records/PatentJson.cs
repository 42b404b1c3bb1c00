using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace PatentNav.Records;

/// <summary>
/// The canonical JSON form of a <see cref="PatentRecord"/>: camelCase properties, enums as strings, IPC codes and numbers as
/// strings, dates as <c>yyyy-MM-dd</c>, unknown fields omitted, Chinese text unescaped. One record per line is the canonical
/// JSONL import format.
/// </summary>
public static class PatentJson
{
    /// <summary>The serializer options for records (shared, immutable).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serialises a record to one line of canonical JSON.</summary>
    public static string Serialize(PatentRecord record) => JsonSerializer.Serialize(record, Options);

    /// <summary>Serialises a record to canonical JSON as UTF-8 bytes (no intermediate string).</summary>
    public static byte[] SerializeToUtf8(PatentRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, Options);

    /// <summary>Deserialises a record from canonical JSON; throws <see cref="JsonException"/> naming the problem.</summary>
    public static PatentRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<PatentRecord>(json, Options) ?? throw new JsonException("expected a JSON object, got null");

    /// <summary>Deserialises a record from canonical JSON in UTF-8; throws <see cref="JsonException"/> naming the problem.</summary>
    public static PatentRecord Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<PatentRecord>(utf8Json, Options) ?? throw new JsonException("expected a JSON object, got null");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
