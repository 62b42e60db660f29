using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace TrialOps.Browser.Tests;

/// <summary>
/// The real web app as its own process (<c>dotnet TrialOps.Web.dll --urls http://127.0.0.1:PORT</c>)
/// on a test database, stopped with SIGTERM like an operator would.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private WebAppProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>What the app printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static string WebDll =>
        typeof(WebAppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TrialOpsWebDll").Value!;

    public static async Task<WebAppProcess> StartAsync(string connectionString, string adminPassword)
    {
        if (!File.Exists(WebDll))
        {
            throw new InvalidOperationException($"The web app is not built at {WebDll}.");
        }

        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { WebDll, "--urls", baseUrl },
            WorkingDirectory = Path.GetDirectoryName(WebDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__TrialOps"] = connectionString;
        start.Environment["TRIALOPS_ADMIN_PASSWORD"] = adminPassword;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment.Remove("TRIALOPS_CONNECTION");

        var app = new WebAppProcess(Process.Start(start)!, baseUrl);
        app.process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        // A first start creates the cluster and seeds the 24-participant demo: on two busy cores that can take over a minute.
        await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(180));
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                await term!.WaitForExitAsync();
            }

            using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(graceful.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The web app exited with code {process.ExitCode} while starting:{Environment.NewLine}{Output}");
            }

            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The web app did not become healthy at {BaseUrl} within {timeout.TotalSeconds} s:{Environment.NewLine}{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
