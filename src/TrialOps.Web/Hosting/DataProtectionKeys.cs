using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TrialOps.Web.Hosting;

/// <summary>
/// Keeps the data protection key ring (which signs session cookies and antiforgery tokens) in
/// PostgreSQL, the one stateful component (DESIGN.md §1.3): every web node shares it, so any node
/// can serve any request and sessions survive restarts and new containers.
/// </summary>
public sealed class DatabaseKeyRepository(TrialOpsRuntimeHost host) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = host.Runtime.DataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = host.Runtime.DataSource.CreateCommand(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = friendlyName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}

public static class DataProtectionKeys
{
    public static IServiceCollection AddDatabaseKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("TrialOps");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<TrialOpsRuntimeHost>())));
        return services;
    }
}
