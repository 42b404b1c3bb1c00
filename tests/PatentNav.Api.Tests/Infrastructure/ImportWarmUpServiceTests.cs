using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatentNav.Api.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Infrastructure;

/// <summary>The Api's import warm-up: after the service has started, never during start-up, and only when configured.</summary>
public sealed class ImportWarmUpServiceTests
{
    [Fact]
    public async Task WarmsUpOnlyAfterTheServiceHasStarted()
    {
        using var lifetime = new Lifetime();
        var logger = new ListLogger();
        using var service = new ImportWarmUp(Options.Create(new PatentNavApiOptions { WarmImport = true }), lifetime, logger);

        await service.StartAsync(CancellationToken.None);
        await Task.Delay(ImportWarmUp.DelayAfterStart + TimeSpan.FromSeconds(1));
        Assert.Empty(logger.Messages); // the host has not started yet

        lifetime.Started();
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(120));

        var message = Assert.Single(logger.Messages);
        Assert.StartsWith("Import path warmed up in ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DoesNothingWhenTurnedOff()
    {
        using var lifetime = new Lifetime();
        var logger = new ListLogger();
        using var service = new ImportWarmUp(Options.Create(new PatentNavApiOptions { WarmImport = false }), lifetime, logger);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10)); // done at once, without waiting for the start

        Assert.Empty(logger.Messages);
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();

        public CancellationToken ApplicationStarted => _started.Token;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Started() => _started.Cancel();

        public void StopApplication()
        {
        }

        public void Dispose() => _started.Dispose();
    }

    private sealed class ListLogger : ILogger<ImportWarmUp>
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_messages)
            {
                _messages.Add(formatter(state, exception));
            }
        }
    }
}
