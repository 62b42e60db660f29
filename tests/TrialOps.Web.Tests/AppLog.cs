using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TrialOps.Web.Tests;

/// <summary>Collects what the app under test logs at Error or above: a test class whose requests made the app fail, fails.</summary>
public sealed class AppLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> errors = new();

    public IReadOnlyCollection<string> Errors => errors;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{Environment.NewLine}{exception}");
            }
        }
    }
}
