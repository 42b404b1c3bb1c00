using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PatentNav.Api.Tests.Infrastructure;

/// <summary>
/// The built Api (<c>PatentNav.Api.dll</c> in the test output, there because the test project references it) running as
/// a real child process on a free loopback port, for tests that must kill the process (SIGKILL), not simulate it.
/// </summary>
/// <remarks>Disposing kills the process if it still runs; every wait is bounded.</remarks>
internal sealed class ApiChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ApiChildProcess(Process process, Uri baseAddress)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process wrote (stdout and stderr), for failure messages.</summary>
    public string OutputTail => string.Join('\n', _output.TakeLast(40));

    /// <summary>Starts the Api with <paramref name="settings"/> as environment variables and waits until <c>/health</c> answers 200.</summary>
    public static async Task<ApiChildProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "PatentNav.Api.dll");
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new ApiChildProcess(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
        process.OutputDataReceived += (_, e) => child.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => child.Collect(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet could not be started");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await child.WaitUntilHealthyAsync(timeout);
            return child;
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    /// <summary>Kills the process with SIGKILL (what <see cref="Process.Kill()"/> sends on Linux) and waits for it to end.</summary>
    public void KillHard()
    {
        _process.Kill();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
        {
            throw new TimeoutException("the child process did not end within 15 s of SIGKILL");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(TimeSpan.FromSeconds(15));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        Client.Dispose();
        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the Api exited with code {_process.ExitCode} before answering /health:\n{OutputTail}");
            }

            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await Client.GetAsync("/health", attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the Api did not answer /health with 200 within {timeout.TotalSeconds} s:\n{OutputTail}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
