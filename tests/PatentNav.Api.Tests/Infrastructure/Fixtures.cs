using System.Text.Json;

namespace PatentNav.Api.Tests.Infrastructure;

/// <summary>The export-layout fixtures of <c>data-samples/fixtures</c>, copied to the test output under <c>fixtures/</c>.</summary>
internal static class Fixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    /// <summary>The seeded records, parsed, for computing expected counts from the data instead of hard-coding them.</summary>
    public static IReadOnlyList<JsonElement> SampleRecords() =>
        File.ReadLines(PathOf("patents-sample.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();
}
