using System.Net.Mail;

namespace NationalReturns.Web.Features.Notifications;

/// <summary>
/// Sends over SMTP when <c>Email:Smtp:Host</c> is set; otherwise writes .eml files to a pickup folder
/// (the local demo's "sent mail"), so a demo never needs a mail server.
/// </summary>
public sealed class EmailSender(Microsoft.Extensions.Options.IOptions<EmailOptions> settings, IHostEnvironment environment)
{
    public string From => settings.Value.From;

    /// <summary>Relative to the app's content root; without a setting (and without SMTP), the system's temporary folder.</summary>
    public string PickupFolder => settings.Value.PickupFolder is { Length: > 0 } folder
        ? Path.GetFullPath(Path.Combine(environment.ContentRootPath, folder))
        : Path.Combine(Path.GetTempPath(), "national-returns-mail");

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        using var message = new MailMessage(From, to, subject, body);
        using var client = new SmtpClient();
        var smtp = settings.Value.Smtp;
        if (smtp.Host is { Length: > 0 } host)
        {
            client.Host = host;
            client.Port = smtp.Port;
            client.EnableSsl = smtp.EnableSsl;
            if (smtp.UserName is { Length: > 0 } user)
            {
                client.Credentials = new System.Net.NetworkCredential(user, smtp.Password);
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
