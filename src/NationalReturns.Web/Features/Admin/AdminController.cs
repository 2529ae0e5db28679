using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.Periods;
using NationalReturns.Domain.Workflow;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.Admin;

/// <summary>Admins set when each quarter opens and is due; without a setting the default applies.</summary>
[Route("admin")]
[Requires(Need.Admin)]
public sealed class AdminController(NationalReturnsDbContext db, CollectionCalendar windows) : Controller
{
    public sealed record Row(CollectionWindow Window, bool Changed);

    public sealed record Page(IReadOnlyList<Row> Rows, string? Error, string? ErrorPeriod);

    [HttpGet("collection-windows")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await PageAsync(null, null, ct));

    [HttpPost("collection-windows/{period}")]
    public async Task<IActionResult> Change(ReturnPeriod period, [FromForm] string? opens, [FromForm] string? due, [FromServices] ChangeCollectionWindow.Handler handler, CancellationToken ct)
    {
        var outcome = await handler.HandleAsync(new ChangeCollectionWindow.Command(period, opens, due, AuthorityAccess.Actor(User)), ct);
        return outcome.Refusal is { } refusal ? View(nameof(Index), await PageAsync(refusal.Message, period.UrlSegment, ct)) : Redirect("/admin/collection-windows");
    }

    [HttpGet("users")]
    public async Task<IActionResult> People([FromServices] Users.Handler people, CancellationToken ct) =>
        View(await people.ListAsync(null, null, ct));

    [HttpPost("users")]
    public async Task<IActionResult> AddPerson([FromForm] string? email, [FromForm] string? name, [FromForm] string? role, [FromForm] string? authority,
        [FromServices] Users.Handler people, CancellationToken ct)
    {
        var outcome = await people.AddAsync(new Users.Change(email, name, role, authority), AuthorityAccess.Actor(User), ct);
        return View(nameof(People), await people.ListAsync(outcome.Succeeded ? $"{email} added and emailed an invitation to set their password (the link works once, for 5 days)." : null, outcome.Refusal?.Message, ct));
    }

    [HttpPost("users/{id}")]
    public async Task<IActionResult> ChangePerson(string id, [FromForm] string? role, [FromForm] string? authority, [FromServices] Users.Handler people, CancellationToken ct)
    {
        var outcome = await people.ChangeAsync(id, new Users.Change(null, null, role, authority), AuthorityAccess.Actor(User), ct);
        return View(nameof(People), await people.ListAsync(outcome.Succeeded ? "Role changed." : null, outcome.Refusal?.Message, ct));
    }

    [HttpPost("users/{id}/disable")]
    public async Task<IActionResult> DisablePerson(string id, [FromServices] Users.Handler people, CancellationToken ct)
    {
        await people.DisableAsync(id, AuthorityAccess.Actor(User), ct);
        return Redirect("/admin/users");
    }

    [HttpGet("api-clients")]
    public async Task<IActionResult> Clients([FromServices] ApiClients.Handler clients, CancellationToken ct) =>
        View(await clients.ListAsync(null, null, ct));

    [HttpPost("api-clients")]
    public async Task<IActionResult> IssueClient([FromForm] string? authority, [FromForm] string? name, [FromServices] ApiClients.Handler clients, CancellationToken ct)
    {
        var issued = await clients.IssueAsync(authority, name, AuthorityAccess.Actor(User), ct);
        return View(nameof(Clients), await clients.ListAsync(issued.Token, issued.Refusal?.Message, ct));
    }

    [HttpPost("api-clients/{id:int}/revoke")]
    public async Task<IActionResult> RevokeClient(int id, [FromServices] ApiClients.Handler clients, CancellationToken ct)
    {
        await clients.RevokeAsync(id, AuthorityAccess.Actor(User), ct);
        return Redirect("/admin/api-clients");
    }

    private async Task<Page> PageAsync(string? error, string? errorPeriod, CancellationToken ct)
    {
        var current = windows.Current;
        // The coming quarter too, so its dates can be set before it opens.
        var periods = current.Next.AndPrevious(5);
        var keys = periods.Select(p => p.UrlSegment).ToList();
        var changed = await db.CollectionWindowSettings.AsNoTracking().Where(w => keys.Contains(w.Period)).Select(w => w.Period).ToListAsync(ct);
        var rows = new List<Row>();
        foreach (var period in periods)
        {
            rows.Add(new Row(await windows.ForAsync(period, ct), changed.Contains(period.UrlSegment)));
        }

        return new Page(rows, error, errorPeriod);
    }
}
