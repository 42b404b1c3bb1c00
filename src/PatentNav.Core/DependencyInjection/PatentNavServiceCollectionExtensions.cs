using Microsoft.Extensions.Logging;
using PatentNav;
using PatentNav.Workspace;

// The conventional namespace for AddXxx extensions, so that callers find it without an extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers PatentNav in a service collection.</summary>
public static class PatentNavServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="PatentWorkspace"/> as a singleton, opened lazily on first use and disposed with the container,
    /// and each of its feature services (<see cref="ImportService"/>, <see cref="SearchService"/> …) as the same
    /// workspace's singleton, so that a consumer can take only the service it uses.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Builds the options; receives the service provider (for configuration and logging).</param>
    public static IServiceCollection AddPatentNav(this IServiceCollection services, Func<IServiceProvider, PatentWorkspaceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton(sp =>
        {
            var options = configure(sp);
            if (options.LoggerFactory is null && sp.GetService(typeof(ILoggerFactory)) is ILoggerFactory lf)
            {
                options = options with { LoggerFactory = lf };
            }

            return PatentWorkspace.Open(options);
        });
        services.AddSingleton(sp => sp.GetRequiredService<PatentWorkspace>().Imports);
        services.AddSingleton(sp => sp.GetRequiredService<PatentWorkspace>().Search);
        services.AddSingleton(sp => sp.GetRequiredService<PatentWorkspace>().Settings);
        services.AddSingleton(sp => sp.GetRequiredService<PatentWorkspace>().Text);
        services.AddSingleton(sp => sp.GetRequiredService<PatentWorkspace>().Analytics);
        services.AddSingleton(sp => sp.GetRequiredService<PatentWorkspace>().Classifier);
        services.AddSingleton(sp => sp.GetRequiredService<PatentWorkspace>().Reports);
        services.AddSingleton(sp => sp.GetRequiredService<PatentWorkspace>().Maintenance);
        return services;
    }
}
