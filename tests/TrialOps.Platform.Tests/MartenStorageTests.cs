using Marten;
using TrialOps.EventStore;
using TrialOps.Testing;
using static TrialOps.Platform.Tests.Platform;

namespace TrialOps.Platform.Tests;

public sealed class MartenStorageTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task events_land_in_martens_mt_events_with_their_alias_camel_case_data_and_audit_metadata_columns()
    {
        var store = Store(db.DataSource);
        var stream = NewStream();
        var metadata = Metadata("typo in the note");
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [new NoteCorrected(stream, "VAS 40")], metadata);

        await using var command = db.DataSource.CreateCommand(
            """
            SELECT type, data->>'streamId', data->>'text', user_name, headers->>'role', headers->>'reason', correlation_id, causation_id, headers->>'commandId', version
            FROM mt_events WHERE stream_id = $1
            """);
        command.Parameters.AddWithValue(stream);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("test.corrected.v1", reader.GetString(0));
        Assert.Equal(stream, reader.GetString(1));
        Assert.Equal("VAS 40", reader.GetString(2));
        Assert.Equal("user-1", reader.GetString(3));
        Assert.Equal("Coordinator", reader.GetString(4));
        Assert.Equal("typo in the note", reader.GetString(5));
        Assert.Equal(metadata.CorrelationId.ToString(), reader.GetString(6));
        Assert.Equal(metadata.CausationId.ToString(), reader.GetString(7));
        Assert.Equal(metadata.CommandId.ToString(), reader.GetString(8));
        Assert.Equal(1L, reader.GetInt64(9));
    }

    [Fact]
    public async Task an_append_through_a_bare_marten_session_without_audit_metadata_is_refused_and_writes_nothing()
    {
        var store = Store(db.DataSource);
        var stream = NewStream();
        await using (var session = store.Marten.LightweightSession())
        {
            session.Events.StartStream(stream, new Noted(stream, "who wrote this?"));
            var error = await Assert.ThrowsAsync<MissingAuditMetadataException>(() => session.SaveChangesAsync());
            Assert.Contains("user", error.Message);
            Assert.Contains("command id", error.Message);
        }

        Assert.Equal(0, await CountAsync(db.DataSource, $"SELECT count(*) FROM mt_events WHERE stream_id = '{stream}'"));
    }

    [Fact]
    public async Task a_correction_through_a_bare_marten_session_without_a_reason_is_refused()
    {
        var store = Store(db.DataSource);
        var stream = NewStream();
        await using var session = store.Marten.LightweightSession();
        Attribute(session);
        session.Events.StartStream(stream, new NoteCorrected(stream, "VAS 12"));

        var error = await Assert.ThrowsAsync<MissingAuditMetadataException>(() => session.SaveChangesAsync());
        Assert.Contains("test.corrected.v1", error.Message);
    }

    [Fact]
    public async Task verify_names_an_event_written_around_the_append_path()
    {
        await using var fresh = await PostgresServer.CreateDatabaseAsync();
        var store = Store(fresh.DataSource);
        var stream = NewStream();
        await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "through TrialOps")], Metadata());
        await using (var session = store.Marten.LightweightSession())
        {
            Attribute(session);
            session.Events.Append(stream, new Noted(stream, "around it"));
            await session.SaveChangesAsync();
        }

        var result = await ChainVerifier.VerifyAsync(fresh.DataSource);
        Assert.False(result.Intact);
        Assert.Contains($"({stream} v2)", result.FirstBreak);
        Assert.Contains("no hash", result.FirstBreak);
        Assert.DoesNotContain((await store.ReadStreamAsync(stream)), e => e.Version == 2);
    }

    [Fact]
    public async Task verify_names_the_event_after_a_deleted_middle_event()
    {
        await using var fresh = await PostgresServer.CreateDatabaseAsync();
        var store = Store(fresh.DataSource);
        var stream = NewStream();
        var stored = await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "VAS 50"), new Noted(stream, "VAS 45"), new Noted(stream, "VAS 30")], Metadata());
        await ExecuteAsync(fresh.DataSource, $"DELETE FROM event_hashes WHERE seq_id = {stored[1].Position}; DELETE FROM mt_events WHERE seq_id = {stored[1].Position}");

        var result = await ChainVerifier.VerifyAsync(fresh.DataSource);
        Assert.False(result.Intact);
        Assert.Contains($"position {stored[2].Position} ({stream} v3)", result.FirstBreak);
        Assert.Contains("missing", result.FirstBreak);
    }

    [Fact]
    public async Task verify_names_events_whose_versions_were_swapped()
    {
        await using var fresh = await PostgresServer.CreateDatabaseAsync();
        var store = Store(fresh.DataSource);
        var stream = NewStream();
        var stored = await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "before dosing"), new Noted(stream, "after dosing")], Metadata());
        await ExecuteAsync(
            fresh.DataSource,
            $"""
             UPDATE mt_events SET version = 0 WHERE seq_id = {stored[0].Position};
             UPDATE mt_events SET version = 1 WHERE seq_id = {stored[1].Position};
             UPDATE mt_events SET version = 2 WHERE seq_id = {stored[0].Position};
             """);

        var result = await ChainVerifier.VerifyAsync(fresh.DataSource);
        Assert.False(result.Intact);
        Assert.Contains(stream, result.FirstBreak);
    }

    [Fact]
    public async Task verify_names_an_event_whose_actor_was_changed()
    {
        await using var fresh = await PostgresServer.CreateDatabaseAsync();
        var store = Store(fresh.DataSource);
        var stream = NewStream();
        var stored = await store.AppendAsync(stream, ExpectedVersion.NoStream, [new Noted(stream, "VAS 50")], Metadata());
        Assert.True((await ChainVerifier.VerifyAsync(fresh.DataSource)).Intact);
        await ExecuteAsync(fresh.DataSource, $"UPDATE mt_events SET user_name = 'someone-else' WHERE seq_id = {stored[0].Position}");

        var result = await ChainVerifier.VerifyAsync(fresh.DataSource);
        Assert.False(result.Intact);
        Assert.Contains($"position {stored[0].Position}", result.FirstBreak);
        Assert.Contains("does not match its hash", result.FirstBreak);
    }

    [Theory]
    [InlineData("""{"zeta":1,"a":[1.50,1E+20,-0,0.000012e3],"bb":{"y":true,"x":null}}""")]
    [InlineData("""{"text":"Müller \u00e9 \"quoted\" back\\slash tab\t line\nend","emoji":"\ud83d\udc89","html":"<b>&amp;</b>"}""")]
    [InlineData("""{"dose":48.25,"rate":5.7900E1,"big":123456789012345678901234567890,"small":1e-7}""")]
    [InlineData("""[{"b":2,"a":1},"x",3]""")]
    public async Task canonical_json_of_what_postgres_gives_back_from_jsonb_equals_that_of_the_text_sent(string json)
    {
        await using var command = db.DataSource.CreateCommand("SELECT $1::jsonb::text");
        command.Parameters.AddWithValue(json);
        var fromPostgres = (string)(await command.ExecuteScalarAsync())!;

        Assert.NotEqual(json, fromPostgres);
        Assert.Equal(CanonicalJson.Canonicalize(json), CanonicalJson.Canonicalize(fromPostgres));
    }

    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("1E+20", "100000000000000000000")]
    [InlineData("-0", "0")]
    [InlineData("0.000012e3", "0.012")]
    [InlineData("5.7900E1", "57.9")]
    [InlineData("1e-7", "0.0000001")]
    [InlineData("-120", "-120")]
    [InlineData("007.0", "7")]
    public void numbers_are_written_as_plain_decimals(string literal, string canonical) =>
        Assert.Equal(canonical, CanonicalJson.NormalizeNumber(literal));

    [Fact]
    public void canonical_json_tells_different_values_apart()
    {
        Assert.NotEqual(CanonicalJson.Canonicalize("""{"vas":42}"""), CanonicalJson.Canonicalize("""{"vas":4.2}"""));
        Assert.NotEqual(CanonicalJson.Canonicalize("""{"vas":"42"}"""), CanonicalJson.Canonicalize("""{"vas":42}"""));
        Assert.NotEqual(CanonicalJson.Canonicalize("""{"a":null}"""), CanonicalJson.Canonicalize("{}"));
    }

    private static void Attribute(IDocumentSession session)
    {
        session.LastModifiedBy = "user-1";
        session.CorrelationId = Guid.NewGuid().ToString();
        session.CausationId = Guid.NewGuid().ToString();
        session.SetHeader(EventStoreSchema.RoleHeader, "Coordinator");
        session.SetHeader(EventStoreSchema.CommandIdHeader, Guid.NewGuid().ToString());
    }
}
