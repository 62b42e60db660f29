// Platform benchmarks (DESIGN.md §8). Each result is reported next to a raw PostgreSQL baseline
// measured in the same run on the same database, and as a ratio to it. Not part of CI.
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using TrialOps.Bench;
using TrialOps.EventStore;
using TrialOps.Postgres;
using JasperFx;
using JasperFx.Events;
using Marten;
using Weasel.Core;

var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var only = args.Length > 1 ? args[1] : "platform";
if (only == "export")
{
    // Here the first argument is the number of demo participants (2000 in bench/README.md).
    await ExportBench.RunAsync((int)seconds, Environment.GetEnvironmentVariable("ConnectionStrings__TrialOps"));
    return;
}

if (only == "http")
{
    // -- SECONDS http URL [TRIAL], with the API token of a DataEntry user in TRIALOPS_BENCH_TOKEN (bench/README.md).
    await HttpBench.RunAsync(
        TimeSpan.FromSeconds(seconds),
        args.Length > 2 ? args[2] : "http://127.0.0.1:5080",
        Environment.GetEnvironmentVariable("TRIALOPS_BENCH_TOKEN") ?? throw new InvalidOperationException("Set TRIALOPS_BENCH_TOKEN to an API token (trialops users token NAME)."),
        args.Length > 3 ? args[3] : "KET-NP-01");
    return;
}

await using var database = await TrialOpsDatabase.OpenAsync(Environment.GetEnvironmentVariable("ConnectionStrings__TrialOps"), Console.Error.WriteLine);
var registry = new EventTypeRegistry();
registry.Register(typeof(BenchEvent), "bench.recorded.v1");
await EventStoreSchema.ApplyAsync(database.DataSource, allowUpdate: true);
// As the app builds it: appends take their connections from the command pool (no session reset, ADR 0033).
var store = new EventStore(database.DataSource, registry, TimeProvider.System, commandDataSource: database.CommandDataSource);

// Bare Marten on the same tables: the same serializer and metadata columns, no audit rule, no hashes.
await using var bareMarten = new DocumentStore(BareMartenOptions(database.DataSource));
// The same on the pool without session reset our appends use: how much of the difference is that pool.
await using var bareMartenNoReset = new DocumentStore(BareMartenOptions(database.CommandDataSource));
var duration = TimeSpan.FromSeconds(seconds);
Console.WriteLine($"TrialOps platform benchmark, {Environment.ProcessorCount} cores, {duration.TotalSeconds:0} s per measurement, {DateTime.UtcNow:u}");

await Bench.ExecuteAsync(database.DataSource, "CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, stream_id text NOT NULL, version int NOT NULL, type text NOT NULL, data json NOT NULL, metadata json NOT NULL, recorded_at timestamptz NOT NULL, hash text NOT NULL)");
if (only is "platform" or "append")
{
    foreach (var writers in new[] { 1, 8 })
    {
        var raw = await Bench.RateAsync(writers, duration, async _ =>
        {
            await using var command = database.DataSource.CreateCommand(
                "INSERT INTO bench_raw (stream_id, version, type, data, metadata, recorded_at, hash) VALUES ($1, 1, 'bench.recorded.v1', $2::json, $3::json, now(), $4)");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Guid.NewGuid().ToString("N") });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = """{"participant":"S01-001","value":42.5}""" });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = """{"actorId":"u","actorRole":"DataEntry"}""" });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = new string('a', 64) });
            await command.ExecuteNonQueryAsync();
        });
        var bare = await Bench.RateAsync(writers, duration, _ => BareAppendAsync(bareMarten));
        var append = await Bench.RateAsync(writers, duration, async _ =>
        {
            var stream = $"bench-{Guid.NewGuid():N}";
            await store.AppendAsync(stream, ExpectedVersion.NoStream, [new BenchEvent("S01-001", 42.5m)], Bench.Metadata());
        });
        var bareNoReset = await Bench.RateAsync(writers, duration, _ => BareAppendAsync(bareMartenNoReset));
        Bench.Report($"bare Marten quick append, {writers} writer(s)", bare, "commits/s", raw, "raw INSERT commits/s");
        Bench.Report($"single-event append vs bare Marten on a pool without session reset, {writers} writer(s)", append, "commits/s", bareNoReset, "bare Marten commits/s");
        Bench.Report($"single-event append, {writers} writer(s)", append, "commits/s", raw, "raw INSERT commits/s");
        Bench.Report($"single-event append vs bare Marten, {writers} writer(s)", append, "commits/s", bare, "bare Marten commits/s", target: 0.9);
    }
}

if (only == "append-series")
{
    // The 8-writer comparison as an interleaved series, so that a drift in fsync or CPU speed over the run
    // falls on every side alike: each round runs bare Marten (default pool), our append, and bare Marten on
    // the pool without session reset our appends use, in an order that rotates from round to round. The first
    // argument is the length of one sample, TRIALOPS_BENCH_ROUNDS the number of rounds (bench/README.md).
    var rounds = int.Parse(Environment.GetEnvironmentVariable("TRIALOPS_BENCH_ROUNDS") ?? "6", CultureInfo.InvariantCulture);
    var arms = new (string Name, Func<Task> Operation)[]
    {
        ("bare Marten", () => BareAppendAsync(bareMarten)),
        ("ours", async () => await store.AppendAsync($"bench-{Guid.NewGuid():N}", ExpectedVersion.NoStream, [new BenchEvent("S01-001", 42.5m)], Bench.Metadata())),
        ("bare Marten, no reset", () => BareAppendAsync(bareMartenNoReset)),
    };
    var sums = new double[arms.Length];
    var ratios = new List<double>();
    var ratiosNoReset = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        var rates = new double[arms.Length];
        for (var i = 0; i < arms.Length; i++)
        {
            var arm = (i + round) % arms.Length;
            rates[arm] = await Bench.RateAsync(8, duration, _ => arms[arm].Operation());
        }

        for (var arm = 0; arm < arms.Length; arm++)
        {
            sums[arm] += rates[arm];
        }

        ratios.Add(rates[1] / rates[0]);
        ratiosNoReset.Add(rates[1] / rates[2]);
        Console.WriteLine($"| round {round + 1} | ours {rates[1]:N0} | bare Marten {rates[0]:N0} ({rates[1] / rates[0]:P0}) | bare Marten without session reset {rates[2]:N0} ({rates[1] / rates[2]:P0}) |");
    }

    Bench.Report($"single-event append vs bare Marten, 8 writers, {rounds} interleaved rounds (mean rates)", sums[1] / rounds, "commits/s", sums[0] / rounds, "bare Marten commits/s", target: 0.9);
    Bench.Report($"the same vs bare Marten on the pool without session reset", sums[1] / rounds, "commits/s", sums[2] / rounds, "bare Marten commits/s");
    Console.WriteLine($"| median of the per-round ratios | {Median(ratios):P0} (range {ratios.Min():P0}–{ratios.Max():P0}) | without session reset {Median(ratiosNoReset):P0} (range {ratiosNoReset.Min():P0}–{ratiosNoReset.Max():P0}) |");
}

if (only is "platform" or "bulk")
{
    const int streams = 2_000;
    const int perStream = 100;
    var rawRows = await Bench.TimeAsync(async () =>
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var import = await connection.BeginBinaryImportAsync("COPY bench_raw (stream_id, version, type, data, metadata, recorded_at, hash) FROM STDIN (FORMAT BINARY)");
        for (var s = 0; s < streams; s++)
        {
            for (var v = 1; v <= perStream; v++)
            {
                await import.StartRowAsync();
                await import.WriteAsync($"raw-{s}");
                await import.WriteAsync(v);
                await import.WriteAsync("bench.recorded.v1");
                await import.WriteAsync("""{"participant":"S01-001","value":42.5}""", NpgsqlTypes.NpgsqlDbType.Json);
                await import.WriteAsync("""{"actorId":"u"}""", NpgsqlTypes.NpgsqlDbType.Json);
                await import.WriteAsync(DateTimeOffset.UtcNow, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await import.WriteAsync(new string('a', 64));
            }
        }

        await import.CompleteAsync();
    });
    var events = Enumerable.Range(0, perStream).Select(i => (object)new BenchEvent("S01-001", i)).ToArray();
    // An import (EventStore.ImportAsync, COPY) writes many streams per transaction (100 here), on as many
    // connections as there are cores.
    const int streamsPerTransaction = 100;
    var bulk = await Bench.TimeAsync(async () =>
    {
        await Parallel.ForAsync(0, streams / streamsPerTransaction, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (_, ct) =>
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var batch = Enumerable.Range(0, streamsPerTransaction).Select(_ => new ImportedStream($"bulk-{Guid.NewGuid():N}", events)).ToArray();
            await store.ImportAsync(transaction, batch, Bench.Metadata(), ct);
            await transaction.CommitAsync(ct);
        });
    });
    // Marten's own COPY bulk appender on the same tables (no metadata rule, no hashes), as many connections.
    var bareBulk = await Bench.TimeAsync(async () =>
    {
        await Parallel.ForAsync(0, streams / streamsPerTransaction, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (_, ct) =>
        {
            var batch = Enumerable.Range(0, streamsPerTransaction).Select(_ => StreamAction.Start(bareMarten.Events, $"bare-bulk-{Guid.NewGuid():N}", events)).ToArray();
            await bareMarten.BulkInsertEventsAsync(batch, cancellation: ct);
        });
    });
    var total = streams * perStream;
    Bench.Report($"bare Marten bulk insert ({streams} streams x {perStream} events)", total / bareBulk.TotalSeconds, "events/s",
        total / rawRows.TotalSeconds, "raw COPY rows/s");
    Bench.Report($"bulk append ({streams} streams x {perStream} events)", total / bulk.TotalSeconds, "events/s",
        total / rawRows.TotalSeconds, "raw COPY rows/s", target: 0.65);
    Bench.Report("bulk append vs bare Marten bulk insert", total / bulk.TotalSeconds, "events/s", total / bareBulk.TotalSeconds, "bare Marten events/s");
}

if (only is "platform" or "rebuild")
{
    var daemon = new ProjectionDaemon(store, [new LedgerProjection(), new CountingProjection()]);
    await daemon.CatchUpAsync(LedgerProjection.ProjectionName);
    var eventCount = await Bench.ScalarAsync(database.DataSource, "SELECT count(*) FROM event_hashes");
    await daemon.RebuildAsync(CountingProjection.ProjectionName);
    var rebuild = await Bench.TimeAsync(async () => await daemon.CatchUpAsync(CountingProjection.ProjectionName));
    await daemon.RebuildAsync(LedgerProjection.ProjectionName);
    var ledger = await Bench.TimeAsync(async () => await daemon.CatchUpAsync(LedgerProjection.ProjectionName));
    var rawScan = await Bench.TimeAsync(async () => await Bench.ReadAllAsync(database.DataSource,
        $"SELECT position, stream_id, version, type, data::text, metadata::text, recorded_at, hash FROM {TrialOps.EventStore.EventStore.EventsView} e ORDER BY tx_id, position"));
    Bench.Report($"projection rebuild, counting read model ({eventCount} events)", eventCount / rebuild.TotalSeconds, "events/s",
        eventCount / rawScan.TotalSeconds, "raw commit-order read rows/s", absoluteTarget: 50_000);
    Bench.Report($"projection rebuild, ledger (hash chain, {eventCount} events)", eventCount / ledger.TotalSeconds, "events/s",
        eventCount / rawScan.TotalSeconds, "raw commit-order read rows/s", absoluteTarget: 50_000);
}

// Bare Marten's quick append of one event to a new stream: the baseline of our single-event append.
static async Task BareAppendAsync(DocumentStore martenStore)
{
    await using var session = martenStore.LightweightSession();
    session.Events.StartStream($"bare-{Guid.NewGuid():N}", new BenchEvent("S01-001", 42.5m));
    await session.SaveChangesAsync();
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static StoreOptions BareMartenOptions(NpgsqlDataSource dataSource)
{
    var options = new StoreOptions();
    options.Connection(dataSource);
    options.AutoCreateSchemaObjects = AutoCreate.None;
    options.Events.StreamIdentity = StreamIdentity.AsString;
    options.UseSystemTextJsonForSerialization(EventTypeRegistry.JsonOptions, EnumStorage.AsString, Casing.CamelCase);
    options.Events.MetadataConfig.HeadersEnabled = true;
    options.Events.MetadataConfig.CorrelationIdEnabled = true;
    options.Events.MetadataConfig.CausationIdEnabled = true;
    options.Events.MetadataConfig.UserNameEnabled = true;
    options.Events.MapEventType<BenchEvent>("bench.recorded.v1");
    return options;
}
