using System.ComponentModel.DataAnnotations;

namespace NationalReturns.Web.Infrastructure;

/// <summary>The load balancers or reverse proxies believed when they say who the client is and whether it used HTTPS.</summary>
public sealed class NetworkOptions : IValidatableObject
{
    public const string Section = "Network";

    /// <summary>Addresses, such as 10.0.0.5.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>CIDR ranges, such as 10.0.0.0/8, for proxies whose addresses change.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public IEnumerable<System.Net.IPAddress> Proxies => KnownProxies.Select(System.Net.IPAddress.Parse);

    public IEnumerable<System.Net.IPNetwork> Networks => KnownNetworks.Select(n => System.Net.IPNetwork.Parse(n));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Length; i++)
        {
            if (!System.Net.IPAddress.TryParse(KnownProxies[i], out _))
            {
                yield return new($"Network:KnownProxies:{i} must be an IP address, such as 10.0.0.5 (it is \"{KnownProxies[i]}\"); ranges go in Network:KnownNetworks.", [nameof(KnownProxies)]);
            }
        }

        for (var i = 0; i < KnownNetworks.Length; i++)
        {
            if (!System.Net.IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                yield return new($"Network:KnownNetworks:{i} must be a CIDR range, such as 10.0.0.0/8 (it is \"{KnownNetworks[i]}\").", [nameof(KnownNetworks)]);
            }
        }
    }
}
