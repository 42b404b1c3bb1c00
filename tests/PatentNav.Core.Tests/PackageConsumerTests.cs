using System.Diagnostics;
using System.Text;

namespace PatentNav.Tests;

/// <summary>
/// Packs PatentNav.Core as <c>dotnet pack</c> does and builds a fresh console project that references the package with
/// warnings as errors, then runs it: the package must declare everything a consumer needs (no NU1603, native DuckDB
/// inside). Needs the NuGet registry for the package's dependencies, as any consumer does.
/// </summary>
public sealed class PackageConsumerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "patentnav-consumer-" + Guid.NewGuid().ToString("N"));
    private readonly string _version = "0.0.0-consumertest." + Guid.NewGuid().ToString("N")[..12];

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        // The restore put this one-off version into the user's package cache: take it out again.
        var cached = Path.Combine(NuGetPackagesFolder(), "patentnav.core", _version);
        if (Directory.Exists(cached))
        {
            Directory.Delete(cached, recursive: true);
        }
    }

    [Fact]
    public async Task Package_BuildsAndRunsInAFreshConsumer_WithWarningsAsErrors()
    {
        var root = RepositoryRoot();
        var feed = Path.Combine(_dir, "feed");
        var consumer = Path.Combine(_dir, "consumer");
        Directory.CreateDirectory(consumer);
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        // --no-build: the test run has built Core in this configuration already; packing must not rebuild under it.
        var pack = await DotnetAsync(root, "pack", Path.Combine(root, "src", "PatentNav.Core", "PatentNav.Core.csproj"),
            "--no-build", "-c", configuration, "-o", feed, $"-p:PackageVersion={_version}");
        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.True(File.Exists(Path.Combine(feed, $"PatentNav.Core.{_version}.nupkg")), pack.Output);

        File.Copy(Path.Combine(root, "data-samples", "fixtures", "cnipa.csv"), Path.Combine(consumer, "cnipa.csv"));
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>
            """);
        // A consumer as `dotnet new console` makes one, stricter: warnings are errors, and no props from this repository.
        await File.WriteAllTextAsync(Path.Combine(consumer, "Directory.Build.props"), "<Project />");
        await File.WriteAllTextAsync(Path.Combine(consumer, "Directory.Packages.props"), "<Project />");
        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PatentNav.Core" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), """
            using PatentNav;
            using PatentNav.Search;
            using PatentNav.Workspace;

            var data = Path.Combine(AppContext.BaseDirectory, "patent-data");
            using var workspace = PatentWorkspace.Open(new PatentWorkspaceOptions { DataDirectory = data });
            var report = await workspace.Imports.ImportFileAsync(args[0]);
            var found = await workspace.Search.SearchAsync(new SearchRequest { Query = "装置" });
            Console.WriteLine($"{report.Format}: {report.Imported} imported, {report.Rejected} rejected; search {found.Total}");
            """);

        var build = await DotnetAsync(consumer, "build", "-c", "Release", "--nologo");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotMatch(@"warning [A-Z]+[0-9]+", build.Output);
        Assert.Contains("0 Warning(s)", build.Output, StringComparison.Ordinal);

        var run = await DotnetAsync(consumer, "run", "-c", "Release", "--no-build", "--", Path.Combine(consumer, "cnipa.csv"));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"cnipa: [1-9][0-9]* imported, 0 rejected; search [1-9]", run.Output);
    }

    private static async Task<(int ExitCode, string Output)> DotnetAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild variables would point the child build at this repository's build.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "VSTEST_HOST_DEBUG" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, $"dotnet {string.Join(' ', args)}\n{output}");
    }

    private static string NuGetPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PatentNav.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no PatentNav.sln above {AppContext.BaseDirectory}");
    }
}
