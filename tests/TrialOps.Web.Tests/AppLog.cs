using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TrialOps.Web.Tests;

/// <summary>Collects what the app under test logs at Error or above: a test class whose requests made the app fail, fails.</summary>
public sealed class AppLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> errors = new();
    private readonly ConcurrentQueue<string> warnings = new();

    public IReadOnlyCollection<string> Errors => errors;

    /// <summary>The newest lines below Error (at most 100), for a failure message that needs to say why.</summary>
    public IReadOnlyCollection<string> Recent => warnings;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors, warnings);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> errors, ConcurrentQueue<string> warnings) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel < LogLevel.Error)
            {
                warnings.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {category}: {formatter(state, exception)}");
                while (warnings.Count > 100 && warnings.TryDequeue(out _))
                {
                }
            }
            else if (IsEnabled(logLevel))
            {
                errors.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{Environment.NewLine}{exception}");
            }
        }
    }
}
