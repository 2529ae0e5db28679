using Microsoft.AspNetCore.Mvc.Razor;

namespace NationalReturns.Web.Infrastructure;

/// <summary>Views live beside their controller in Features/&lt;Area&gt;/; shared ones in Features/Shared.</summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    public void PopulateValues(ViewLocationExpanderContext context)
    {
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
        ["/Features/{1}/{0}.cshtml", "/Features/Shared/{0}.cshtml"];
}

public static class FeatureFolders
{
    /// <summary>
    /// Each slice keeps its query and handler together as a nested <c>Handler</c> class; register them all
    /// so a controller can take the one it needs.
    /// </summary>
    public static IServiceCollection AddFeatureHandlers(this IServiceCollection services)
    {
        var handlers = typeof(FeatureFolders).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsNested: true, Name: "Handler" }
                        && t.Namespace?.StartsWith("NationalReturns.Web.Features", StringComparison.Ordinal) == true);
        foreach (var handler in handlers)
        {
            services.AddScoped(handler);
        }

        return services;
    }
}
