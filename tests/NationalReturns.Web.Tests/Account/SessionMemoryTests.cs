using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Web.Infrastructure;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Account;

/// <summary>A session found a moment ago is taken as found for a second (ADR 8's addendum): ended here, refused at once; ended by another instance, refused within the second.</summary>
public class SessionMemoryTests(WebApp app) : WebAppTest(app)
{
    private static bool SentToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal);

    [Fact]
    public async Task Session_EndedOnThisInstance_IsRefusedAtOnce()
    {
        using var client = await App.SignedInAsync(Roles.Official);
        using var before = await client.GetAsync("/account");
        var userId = await App.WithDbAsync(db => db.SignInSessions.OrderByDescending(s => s.CreatedAt).Select(s => s.UserId).FirstAsync());

        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Sessions>().EndAllAsync(userId, CancellationToken.None);
        }

        using var after = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(SentToSignIn(after), $"answered {(int)after.StatusCode}");
    }

    [Fact]
    public async Task Session_EndedByAnotherInstance_IsRefusedWithinASecond()
    {
        using var client = await App.SignedInAsync(Roles.Official);
        using var before = await client.GetAsync("/account");

        // Another instance signs the person out: the row goes, this instance is not told.
        await App.WithDbAsync(db => db.SignInSessions.ExecuteDeleteAsync());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        using var after = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(SentToSignIn(after), $"answered {(int)after.StatusCode}");
    }
}
