namespace TrialOps.Postgres.Tests;

public sealed class ServerUserTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Searchable = Private | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    [Fact]
    public void a_folder_is_reachable_only_when_every_parent_is_searchable_by_the_account()
    {
        var root = Path.Combine("/tmp", "trialops-reach-" + Guid.NewGuid().ToString("N")[..8]);
        var inside = Path.Combine(root, "a", "b");
        Directory.CreateDirectory(inside);
        try
        {
            const uint someoneElse = 54321;
            File.SetUnixFileMode(root, Searchable);
            File.SetUnixFileMode(Path.Combine(root, "a"), Searchable);
            Assert.True(ServerUser.CanReach(inside, someoneElse, someoneElse));

            File.SetUnixFileMode(Path.Combine(root, "a"), Private);
            Assert.False(ServerUser.CanReach(inside, someoneElse, someoneElse));
            Assert.True(ServerUser.CanReach(root, someoneElse, someoneElse));

            var link = Path.Combine(root, "link");
            File.SetUnixFileMode(Path.Combine(root, "a"), Searchable);
            Directory.CreateSymbolicLink(link, inside);
            File.SetUnixFileMode(Path.Combine(root, "a"), Private);
            Assert.False(ServerUser.CanReach(link, someoneElse, someoneElse));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [RootFact]
    public void roots_home_is_not_reachable_by_the_postgres_account_but_tmp_is()
    {
        RootFactAttribute.RequireRoot();
        var postgres = ServerUser.LookUp(ServerUser.PostgresAccount)!.Value;
        var rootHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        if (!File.GetUnixFileMode(rootHome).HasFlag(UnixFileMode.OtherExecute))
        {
            Assert.False(ServerUser.CanReach(rootHome, postgres.UserId, postgres.GroupId));
        }
        Assert.True(ServerUser.CanReach("/tmp", postgres.UserId, postgres.GroupId));
    }
}
