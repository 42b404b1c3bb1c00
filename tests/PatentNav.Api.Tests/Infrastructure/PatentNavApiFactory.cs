using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PatentNav.Api.Tests.Infrastructure;

/// <summary>
/// The Api over its own temporary data directory (Lucene's write.lock forbids two hosts on one index), seeded at start-up
/// from a temporary seed folder holding <c>fixtures/patents-sample.jsonl</c> (25 records). One instance per test class.
/// </summary>
/// <remarks>Derived factories change the settings (no API key, a small upload limit) by overriding the virtual members.</remarks>
public class PatentNavApiFactory : WebApplicationFactory<Program>
{
    /// <summary>The key the default factory configures and the helpers send.</summary>
    public const string TestApiKey = "test-key-4f1c";

    /// <summary>Records in the seed file.</summary>
    public const int SeededDocuments = 25;

    private readonly string _root;
    private int _deleted;

    public PatentNavApiFactory()
    {
        _root = Path.Combine(Path.GetTempPath(), "patentnav-apitests-" + Guid.NewGuid().ToString("N"));
        DataDirectory = Path.Combine(_root, "data");
        SeedDirectory = Path.Combine(_root, "seed");
        Directory.CreateDirectory(SeedDirectory);
        File.Copy(Fixtures.PathOf("patents-sample.jsonl"), Path.Combine(SeedDirectory, "patents-sample.jsonl"));
    }

    public string DataDirectory { get; }

    public string SeedDirectory { get; }

    /// <summary>The configured key; empty means none configured.</summary>
    protected virtual string ApiKey => TestApiKey;

    /// <summary>PatentNav:MaxUploadBytes, or null for the service default.</summary>
    protected virtual long? MaxUploadBytes => null;

    /// <summary>PatentNav:RequireKeyForReads.</summary>
    protected virtual bool RequireKeyForReads => false;

    /// <summary>Other settings (name → value) applied last.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>PatentNav:CorsOrigins, or null for none (CORS closed).</summary>
    protected virtual IReadOnlyList<string>? CorsOrigins => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // PatentNavApiOptions binds the section lazily, so settings added here reach it.
        builder.UseSetting("PatentNav:DataDirectory", DataDirectory);
        builder.UseSetting("PatentNav:SeedDirectory", SeedDirectory);
        builder.UseSetting("PatentNav:ApiKey", ApiKey);
        builder.UseSetting("PatentNav:RequireKeyForReads", RequireKeyForReads ? "true" : "false");
        foreach (var (name, value) in ExtraSettings)
        {
            builder.UseSetting(name, value);
        }
        if (MaxUploadBytes is { } max)
        {
            builder.UseSetting("PatentNav:MaxUploadBytes", max.ToString(CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < (CorsOrigins?.Count ?? 0); i++)
        {
            builder.UseSetting(string.Create(CultureInfo.InvariantCulture, $"PatentNav:CorsOrigins:{i}"), CorsOrigins![i]);
        }
    }

    protected override void Dispose(bool disposing)
    {
        // The base disposes the host (and with it the workspace, releasing write.lock) before the folder goes.
        base.Dispose(disposing);
        if (disposing && Interlocked.Exchange(ref _deleted, 1) == 0 && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

/// <summary>A server with no API key configured: every write is refused.</summary>
public sealed class NoKeyApiFactory : PatentNavApiFactory
{
    protected override string ApiKey => string.Empty;
}

/// <summary>A server that accepts uploads of at most 10,000 bytes.</summary>
public sealed class SmallUploadApiFactory : PatentNavApiFactory
{
    public const long Limit = 10_000;

    protected override long? MaxUploadBytes => Limit;
}

/// <summary>A server that lets one other site read the API from a browser (CORS for GET).</summary>
public sealed class CorsApiFactory : PatentNavApiFactory
{
    public const string AllowedOrigin = "https://park.example.cn";

    protected override IReadOnlyList<string>? CorsOrigins => [AllowedOrigin];
}

/// <summary>A server whose reads require the key too.</summary>
public sealed class ReadKeyApiFactory : PatentNavApiFactory
{
    protected override bool RequireKeyForReads => true;
}

/// <summary>A server with tight bounds: pages of at most 50.</summary>
public sealed class TightLimitsApiFactory : PatentNavApiFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PatentNav:MaxPageSize"] = "50",
    };
}
