using System.Reflection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace TrialOps.Web.Hosting;

/// <summary>
/// Serves <c>wwwroot</c> from resources embedded in this assembly (see the csproj), anonymously
/// and before authentication, so the sign-in page has its style sheet.
/// </summary>
public static class StaticAssets
{
    public static IApplicationBuilder UseEmbeddedStaticAssets(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new ResourceFileProvider(typeof(StaticAssets).Assembly, "wwwroot"),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });

    private sealed class ResourceFileProvider(Assembly assembly, string root) : IFileProvider
    {
        private readonly DateTimeOffset lastModified = File.GetLastWriteTimeUtc(assembly.Location);

        public IFileInfo GetFileInfo(string subpath)
        {
            var name = root + "/" + subpath.TrimStart('/');
            return assembly.GetManifestResourceInfo(name) is null
                ? new NotFoundFileInfo(subpath)
                : new ResourceFileInfo(assembly, name, lastModified);
        }

        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

        public IChangeToken Watch(string filter) => NullChangeToken.Singleton;
    }

    private sealed class ResourceFileInfo(Assembly assembly, string name, DateTimeOffset lastModified) : IFileInfo
    {
        public bool Exists => true;

        public long Length
        {
            get
            {
                using var stream = CreateReadStream();
                return stream.Length;
            }
        }

        public string? PhysicalPath => null;

        public string Name => Path.GetFileName(name);

        public DateTimeOffset LastModified => lastModified;

        public bool IsDirectory => false;

        public Stream CreateReadStream() => assembly.GetManifestResourceStream(name)!;
    }
}
