using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace NationalReturns.Web.Features.Help;

/// <summary>The pages every GOV.UK service links from its footer: help and contact, accessibility, cookies and privacy. Open to everyone.</summary>
[AllowAnonymous]
public sealed class HelpController(Microsoft.Extensions.Options.IOptions<Infrastructure.SiteOptions> site, Microsoft.Extensions.Options.IOptions<Notifications.EmailOptions> email) : Controller
{
    [HttpGet("/help")]
    public IActionResult Index() => View(Contact());

    [HttpGet("/accessibility")]
    public IActionResult Accessibility() => View(Contact());

    [HttpGet("/cookies")]
    public IActionResult Cookies() => View();

    [HttpGet("/privacy")]
    public IActionResult Privacy() => View(Contact());

    /// <summary>Where people write to: the support address when one is set, otherwise the address the service's emails come from.</summary>
    private HelpContact Contact() => new(site.Value.SupportEmail ?? email.Value.From);
}

public sealed record HelpContact(string Email);
