using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TrialOps.Postgres;

namespace TrialOps.Bench;

/// <summary>
/// HTTP commands against a running TrialOps web app (DESIGN.md §8): a scale-assessment correction
/// (load the participant, decide, append one event) through <c>/api/v1</c>. It compares the rate
/// at 50 clients, each on its own participant, with raw single-row INSERT commits at 50 connections
/// on the same database. It also compares the p50 latency on a participant of about 500 events with
/// one of about 20. It needs only HTTP and the database, so it measures any build of the app (the
/// one before a change too); it never applies migrations.
/// </summary>
public static class HttpBench
{
    private const int Clients = 50;

    public static async Task RunAsync(TimeSpan duration, string baseUrl, string token, string trial)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var targets = await FindTargetsAsync(http, trial);
        if (targets.Count < Clients + 2)
        {
            throw new InvalidOperationException($"Need {Clients + 2} participants with a recorded scale assessment in {trial}, found {targets.Count}; run the demo with more participants.");
        }

        var raw = await RawCommitsAsync(duration);

        // Stream length: one participant corrected up to about 500 events, one left short.
        var (longTarget, shortTarget) = (targets[0], targets[1]);
        for (var i = 0; i < 480; i++)
        {
            await CorrectAsync(http, trial, longTarget, i);
        }

        var shortLatencies = new List<double>();
        var longLatencies = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            shortLatencies.Add(await TimedAsync(() => CorrectAsync(http, trial, shortTarget, i)));
            longLatencies.Add(await TimedAsync(() => CorrectAsync(http, trial, longTarget, i)));
        }

        // Throughput: 50 clients, one participant each, for the duration.
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var failures = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(targets.Skip(2).Take(Clients).Select(async target =>
        {
            for (var i = 0; stopwatch.Elapsed < duration; i++)
            {
                try
                {
                    latencies.Add(await TimedAsync(() => CorrectAsync(http, trial, target, i)));
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref failures);
                    statuses.AddOrUpdate(e.StatusCode?.ToString() ?? e.Message, 1, (_, n) => n + 1);
                }
            }
        }));
        var rate = latencies.Count / stopwatch.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        var (p50, p99) = (Percentile(sorted, 0.50), Percentile(sorted, 0.99));

        var failed = failures == 0 ? "none failed" : $"{failures} failed: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} {s.Key}"))}";
        Console.WriteLine($"| http: correct a scale assessment, {Clients} clients ({latencies.Count} commands, {failed}) | {rate:N0} commands/s | {raw:N0} raw INSERT commits/s at {Clients} connections | {rate / raw:P1} | {(rate / raw >= 0.10 ? "meets ≥ 10 %" : "misses ≥ 10 %")} |");
        Console.WriteLine($"| http: latency at {Clients} clients | p50 {p50:N0} ms, p99 {p99:N0} ms | — | p99 = {p99 / p50:N1} × p50 | {(p99 <= 3 * p50 ? "meets ≤ 3×" : "misses ≤ 3×")} |");
        var (shortP50, longP50) = (Percentile(shortLatencies.Order().ToArray(), 0.5), Percentile(longLatencies.Order().ToArray(), 0.5));
        Console.WriteLine($"| http: p50 on a ~500-event participant vs a short one (one client) | {longP50:N1} ms | {shortP50:N1} ms | {longP50 / shortP50:N2} × | {(longP50 <= 1.2 * shortP50 ? "meets ≤ 1.2×" : "misses ≤ 1.2×")} |");
    }

    /// <summary>Raw single-row INSERT commits at 50 connections; the pool is closed afterwards, so the app has the server's connections to itself.</summary>
    private static async Task<double> RawCommitsAsync(TimeSpan duration)
    {
        await using var database = await TrialOpsDatabase.OpenAsync(new TrialOpsDatabaseOptions
        {
            ConfiguredConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__TrialOps"),
            ApplyMigrations = false,
        });
        await Bench.ExecuteAsync(database.DataSource, "CREATE TABLE IF NOT EXISTS bench_http_raw (id bigserial PRIMARY KEY, stream_id text NOT NULL, data jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())");
        return await Bench.RateAsync(Clients, duration, async _ =>
        {
            await using var command = database.DataSource.CreateCommand("INSERT INTO bench_http_raw (stream_id, data) VALUES ($1, $2::jsonb)");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Guid.NewGuid().ToString("N") });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = """{"subject":"S01-001","value":42}""" });
            await command.ExecuteNonQueryAsync();
        });
    }

    private sealed record Target(string Subject, int Period, string AssessmentCode, string Timepoint, DateTimeOffset AssessedAt, decimal Value);

    private static async Task<List<Target>> FindTargetsAsync(HttpClient http, string trial)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"api/v1/trials/{trial}/participants?pageSize=200");
        var targets = new List<Target>();
        foreach (var participant in page.GetProperty("items").EnumerateArray())
        {
            var subject = participant.GetProperty("subject").GetString()!;
            var assessments = await http.GetFromJsonAsync<JsonElement>($"api/v1/trials/{trial}/participants/{subject}/assessments");
            foreach (var assessment in assessments.EnumerateArray())
            {
                if (assessment.GetProperty("value").ValueKind == JsonValueKind.Number)
                {
                    targets.Add(new Target(
                        subject,
                        assessment.GetProperty("period").GetInt32(),
                        assessment.GetProperty("assessmentCode").GetString()!,
                        assessment.GetProperty("timepoint").GetString()!,
                        assessment.GetProperty("clinicalTime").GetDateTimeOffset(),
                        assessment.GetProperty("value").GetDecimal()));
                    break;
                }
            }
        }

        return targets;
    }

    /// <summary>A correction that alternates between two values, so that every request records a real change.</summary>
    private static async Task CorrectAsync(HttpClient http, string trial, Target target, int round)
    {
        var value = target.Value + (round % 2 == 0 ? 1 : 0);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/trials/{trial}/participants/{target.Subject}/assessments/corrections")
        {
            Content = JsonContent.Create(new
            {
                period = target.Period,
                assessmentCode = target.AssessmentCode,
                timepoint = target.Timepoint,
                assessedAt = target.AssessedAt,
                reason = "Benchmark correction",
                value,
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<double> TimedAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
}
