using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace NationalReturns.Web.Infrastructure;

/// <summary>
/// The service speaks British English: dates as "14 May 2026", thousands with commas. Every request runs in
/// this culture (request localisation, whatever the browser asks for), so pages format with the current
/// culture; work done outside a request (jobs, emails) names it here.
/// </summary>
public static class English
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static void UseEnglish(this WebApplication app) =>
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Culture),
            SupportedCultures = [Culture],
            SupportedUICultures = [Culture],
            // Never taken from the query, a cookie or Accept-Language: figures read the same for everyone.
            RequestCultureProviders = [],
        });
}
