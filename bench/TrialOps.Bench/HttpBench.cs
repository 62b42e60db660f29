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

        // Warm-up: the throughput phase's own load, not recorded, so that what is measured is the
        // app as it runs for hours, not a process whose tiered JIT is still compiling (a perf
        // profile of a cold app put a tenth of the whole machine in its compiler thread).
        Console.Error.WriteLine($"bench: warm-up of {Warmup(duration).TotalSeconds:N0} s");
        await LoadAsync(http, trial, targets.Skip(2).Take(Clients), Warmup(duration), (_, _) => { });

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
        await ResetStatementsAsync();
        var cpuBefore = CpuSeconds();
        Console.Error.WriteLine("bench: throughput phase starts");
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var failures = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var stopwatch = Stopwatch.StartNew();
        await LoadAsync(http, trial, targets.Skip(2).Take(Clients), duration, (latency, failure) =>
        {
            if (failure is null)
            {
                latencies.Add(latency);
                return;
            }

            Interlocked.Increment(ref failures);
            statuses.AddOrUpdate(failure.StatusCode?.ToString() ?? failure.Message, 1, (_, n) => n + 1);
        });
        var rate = latencies.Count / stopwatch.Elapsed.TotalSeconds;
        Console.Error.WriteLine("bench: throughput phase ends");
        var cpuAfter = CpuSeconds();
        await ReportStatementsAsync(latencies.Count);
        var sorted = latencies.Order().ToArray();
        var (p50, p99) = (Percentile(sorted, 0.50), Percentile(sorted, 0.99));

        var failed = failures == 0 ? "none failed" : $"{failures} failed: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} {s.Key}"))}";
        Console.WriteLine($"| http: correct a scale assessment, {Clients} clients ({latencies.Count} commands, {failed}) | {rate:N0} commands/s | {raw:N0} raw INSERT commits/s at {Clients} connections | {rate / raw:P1} | {(rate / raw >= 0.10 ? "meets ≥ 10 %" : "misses ≥ 10 %")} |");
        Console.WriteLine($"| http: latency at {Clients} clients | p50 {p50:N0} ms, p99 {p99:N0} ms | — | p99 = {p99 / p50:N1} × p50 | {(p99 <= 3 * p50 ? "meets ≤ 3×" : "misses ≤ 3×")} |");
        var (shortP50, longP50) = (Percentile(shortLatencies.Order().ToArray(), 0.5), Percentile(longLatencies.Order().ToArray(), 0.5));
        if (cpuBefore is not null && cpuAfter is not null)
        {
            var seconds = stopwatch.Elapsed.TotalSeconds;
            Console.WriteLine($"CPU during the throughput phase ({seconds:N1} s × {Environment.ProcessorCount} cores = {seconds * Environment.ProcessorCount:N1} core-s): "
                + string.Join(", ", cpuAfter.Select(c => $"{c.Key} {c.Value - cpuBefore.GetValueOrDefault(c.Key):N1} s ({1000 * (c.Value - cpuBefore.GetValueOrDefault(c.Key)) / latencies.Count:N2} ms/command)")));
        }

        Console.WriteLine($"| http: p50 on a ~500-event participant vs a short one (one client) | {longP50:N1} ms | {shortP50:N1} ms | {longP50 / shortP50:N2} × | {(longP50 <= 1.2 * shortP50 ? "meets ≤ 1.2×" : "misses ≤ 1.2×")} |");
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Rounds = new();

    /// <summary>
    /// 60 s, or <c>TRIALOPS_BENCH_WARMUP</c> seconds: a freshly started app still compiles for minutes
    /// (tiered JIT: thousands of methods moved up a tier, Wolverine's and the daemon's periodic
    /// work met for the first time); 6,000 methods were compiled during a throughput phase that
    /// followed a 10-s warm-up.
    /// </summary>
    private static TimeSpan Warmup(TimeSpan duration) =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("TRIALOPS_BENCH_WARMUP"), out var seconds) ? seconds : 60);

    /// <summary>Each client corrects its own participant's assessment, one request after another, for <paramref name="duration"/>; each latency or failure goes to <paramref name="report"/>.</summary>
    private static async Task LoadAsync(HttpClient http, string trial, IEnumerable<Target> targets, TimeSpan duration, Action<double, HttpRequestException?> report)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(targets.Select(async target =>
        {
            while (stopwatch.Elapsed < duration)
            {
                // Rounds go on from the previous phase, so the value alternates across phases too.
                var round = Rounds.AddOrUpdate(target.Subject, 0, (_, n) => n + 1);
                try
                {
                    report(await TimedAsync(() => CorrectAsync(http, trial, target, round)), null);
                }
                catch (HttpRequestException e)
                {
                    report(0, e);
                }
            }
        }));
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

    /// <summary>
    /// CPU seconds (user + system) so far of the web app (its pid in <c>$TRIALOPS_HOME/web.pid</c>),
    /// the embedded PostgreSQL of <c>$TRIALOPS_HOME</c> (postmaster and its backends), this bench,
    /// and the whole machine (others' builds included); null off Linux or without the files.
    /// </summary>
    private static Dictionary<string, double>? CpuSeconds()
    {
        try
        {
            var home = Environment.GetEnvironmentVariable("TRIALOPS_HOME");
            if (home is null || !File.Exists("/proc/stat"))
            {
                return null;
            }

            var ticks = 100.0;
            var appPid = File.Exists(Path.Combine(home, "web.pid")) ? int.Parse(File.ReadAllText(Path.Combine(home, "web.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture) : -1;
            var postmasterFile = Path.Combine(home, "pgdata", "postmaster.pid");
            var postmaster = !File.Exists(postmasterFile) ? -1 : int.Parse(File.ReadLines(postmasterFile).First().Trim(), System.Globalization.CultureInfo.InvariantCulture);
            var result = new Dictionary<string, double> { ["app"] = 0, ["postgres"] = 0, ["bench"] = 0 };
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    continue;
                }

                string stat;
                try
                {
                    stat = File.ReadAllText(Path.Combine(dir, "stat"));
                }
                catch (IOException)
                {
                    continue;
                }

                // Fields after the command name (which may hold spaces): state ppid … utime(14) stime(15).
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ppid = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                var cpu = (double.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / ticks;
                var key = pid == appPid ? "app" : pid == postmaster || ppid == postmaster ? "postgres" : pid == Environment.ProcessId ? "bench" : null;
                if (key is not null)
                {
                    result[key] += cpu;
                }
            }

            var machine = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // user nice system (idle iowait excluded) irq softirq steal
            result["machine busy"] = new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => double.Parse(machine[i], System.Globalization.CultureInfo.InvariantCulture)) / ticks;
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static bool StatementsWanted => Environment.GetEnvironmentVariable("TRIALOPS_BENCH_STATEMENTS") == "1";

    /// <summary>With <c>TRIALOPS_BENCH_STATEMENTS=1</c> (and pg_stat_statements preloaded): forget the statements so far.</summary>
    private static async Task ResetStatementsAsync()
    {
        if (!StatementsWanted)
        {
            return;
        }

        await using var connection = await OpenSingleAsync();
        await using var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>The statements of the throughput phase: calls per command and time, most time first.</summary>
    private static async Task ReportStatementsAsync(int commands)
    {
        if (!StatementsWanted)
        {
            return;
        }

        await using var connection = await OpenSingleAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
            ORDER BY total_exec_time DESC LIMIT 40
            """, connection);
        await using var reader = await query.ExecuteReaderAsync();
        Console.WriteLine($"Statements during the throughput phase ({commands} commands), most execution time first:");
        Console.WriteLine("calls/command | total ms | mean ms | rows | statement");
        while (await reader.ReadAsync())
        {
            var text = reader.GetString(4);
            Console.WriteLine($"{reader.GetInt64(0) / (double)commands,6:N2} | {reader.GetDouble(1),9:N0} | {reader.GetDouble(2),7:N3} | {reader.GetInt64(3),7} | {text[..Math.Min(text.Length, 220)]}");
        }
    }

    private static async Task<NpgsqlConnection> OpenSingleAsync()
    {
        await using var database = await TrialOpsDatabase.OpenAsync(new TrialOpsDatabaseOptions
        {
            ConfiguredConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__TrialOps"),
            ApplyMigrations = false,
        });
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
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
