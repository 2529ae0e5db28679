using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace NationalReturns.Web.Features.Help;

/// <summary>The pages every GOV.UK service links from its footer: help and contact, accessibility, cookies and privacy. Open to everyone.</summary>
[AllowAnonymous]
public sealed class HelpController(IConfiguration configuration) : Controller
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
    private HelpContact Contact() => new(configuration["Site:SupportEmail"] ?? configuration["Email:From"] ?? "supporting.families.returns@localhost");
}

public sealed record HelpContact(string Email);
