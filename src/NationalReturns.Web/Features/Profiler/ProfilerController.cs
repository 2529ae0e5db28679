using Microsoft.AspNetCore.Mvc;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Profiler;

/// <summary>
/// The profiler's pages: the slowest recent requests, the statements run most often in one request (where an N+1
/// hides), and one request's timeline. Admins, and everyone signed in while developing (<see cref="Need.Profile"/>).
/// </summary>
[Route("admin/profiler")]
[Requires(Need.Profile)]
public sealed class ProfilerController(RequestProfiles profiles) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(ShowProfiles.Summarise(profiles.Recent()));

    [HttpGet("{traceId:length(32)}")]
    public IActionResult Timeline(string traceId) =>
        profiles.Find(traceId) is { } profile ? View(profile) : NotFound();
}
