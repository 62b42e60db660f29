using TrialOps.Runtime;
using TrialOps.Testing;

namespace TrialOps.Integration.Tests.Platform;

/// <summary>
/// Writing Wolverine's handler code sets a process-wide flag (JasperFx's
/// <c>DynamicCodeBuilder.WithinCodegenCommand</c>) for as long as it writes; a Wolverine host
/// started in that window takes itself for a code-generation command and starts in mediator-only
/// mode, without its durable outbox. The test therefore runs alone, never beside another test class.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CodeGenerationCollection
{
    public const string Name = "code generation (alone)";
}

/// <summary>
/// Wolverine's handler code is committed (src/TrialOps/Internal/Generated) and loaded statically
/// outside development. This fails while the committed copy differs from what the handlers of
/// this build generate: run <c>dotnet run --project src/TrialOps.Cli -- codegen write</c> and commit.
/// </summary>
[Collection(CodeGenerationCollection.Name)]
public sealed class GeneratedHandlerCodeTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task the_committed_handler_code_is_what_this_build_generates()
    {
        var committed = Path.Combine(RepositoryRoot(), "src", "TrialOps", "Internal", "Generated");
        var fresh = Path.Combine(Path.GetTempPath(), $"trialops-codegen-{Guid.NewGuid():N}");
        try
        {
            await using (var runtime = await TrialOpsRuntime.StartAsync(db.ConnectionString, messaging: new MessagingOptions { WriteGeneratedCodeTo = fresh }))
            {
                Assert.NotEmpty(runtime.WriteGeneratedCode());
            }

            var expected = Files(fresh);
            var actual = Files(committed);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            var stale = expected.Where(f => f.Value != actual[f.Key]).Select(f => f.Key).ToArray();
            Assert.True(stale.Length == 0, $"stale generated handler code (run `trialops codegen write`): {string.Join(", ", stale)}");
        }
        finally
        {
            if (Directory.Exists(fresh))
            {
                Directory.Delete(fresh, recursive: true);
            }
        }
    }

    private static Dictionary<string, string> Files(string folder) =>
        Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => File.ReadAllText(f).ReplaceLineEndings("\n"));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrialOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("TrialOps.sln not found above the test's folder.");
    }
}
