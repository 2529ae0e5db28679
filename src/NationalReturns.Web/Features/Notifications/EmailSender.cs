using System.Net.Mail;

namespace NationalReturns.Web.Features.Notifications;

/// <summary>
/// Sends over SMTP when <c>Email:Smtp:Host</c> is set; otherwise writes .eml files to a pickup folder
/// (the local demo's "sent mail"), so a demo never needs a mail server.
/// </summary>
public sealed class EmailSender(IConfiguration configuration, IHostEnvironment environment)
{
    public string From => configuration["Email:From"] ?? "supporting.families.returns@localhost";

    /// <summary>Relative to the app's content root; without a setting (and without SMTP), the system's temporary folder.</summary>
    public string PickupFolder => configuration["Email:PickupFolder"] is { Length: > 0 } folder
        ? Path.GetFullPath(Path.Combine(environment.ContentRootPath, folder))
        : Path.Combine(Path.GetTempPath(), "national-returns-mail");

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        using var message = new MailMessage(From, to, subject, body);
        using var client = new SmtpClient();
        if (configuration["Email:Smtp:Host"] is { Length: > 0 } host)
        {
            client.Host = host;
            client.Port = configuration.GetValue("Email:Smtp:Port", 587);
            client.EnableSsl = configuration.GetValue("Email:Smtp:EnableSsl", true);
            if (configuration["Email:Smtp:UserName"] is { Length: > 0 } user)
            {
                client.Credentials = new System.Net.NetworkCredential(user, configuration["Email:Smtp:Password"]);
            }
        }
        else
        {
            Directory.CreateDirectory(PickupFolder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = PickupFolder;
        }

        await client.SendMailAsync(message, ct);
    }
}
