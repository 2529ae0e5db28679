using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using NationalReturns.Domain.SelfAssessments;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;

namespace NationalReturns.Web.Features.SelfAssessments;

/// <summary>
/// The published framework versions: the newest of each for a new assessment, the one an assessment was
/// made against for everything after. Loading db/reference-data/frameworks adds versions it has not seen;
/// publishing adds the next version. Nothing here changes a version once published.
/// </summary>
public static class AssessmentFrameworks
{
    public const string ReferenceDataPublisher = "reference data";

    /// <summary>Definitions parsed once per content: a version never changes, so its hash identifies it in any database.</summary>
    private static readonly ConcurrentDictionary<string, Framework> Parsed = new(StringComparer.Ordinal);

    public sealed record Published(FrameworkVersion Record, Framework Framework);

    /// <summary>The version published; or refused, with the definition's mistakes as errors.</summary>
    public sealed record PublishOutcome(Published? Published) : Outcome<string>
    {
        public static PublishOutcome Mistaken(IReadOnlyList<string> errors) => new((Published?)null) { Errors = errors, Refusal = Outcome.Mistakes(errors.Count) };
    }

    public static Framework Parse(FrameworkVersion record) => Parsed.GetOrAdd(record.ContentHash, _ =>
        FrameworkDefinition.Read(record.Definition).Framework ?? throw new InvalidOperationException($"Framework {record.Code} version {record.Version} is stored but cannot be read."));

    /// <summary>A framework version already read, by its content hash; null until something has read it.</summary>
    public static Framework? Cached(string contentHash) => Parsed.GetValueOrDefault(contentHash);

    /// <summary>One authority's assessment against one framework for one year: the key every slice looks it up by.</summary>
    public static IQueryable<SelfAssessmentRecord> Of(this IQueryable<SelfAssessmentRecord> assessments, string onsCode, string frameworkCode, AssessmentYear year) =>
        assessments.Where(a => a.AuthorityCode == onsCode && a.FrameworkCode == frameworkCode && a.Year == year.StartYear);

    public static string Hash(string definition) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(definition)));

    public sealed class Handler(NationalReturnsDbContext db, AuditLog audit, TimeProvider clock, ILogger<Handler> log)
    {
        public async Task<Published?> LatestAsync(string code, CancellationToken ct)
        {
            var record = await db.FrameworkVersions.AsNoTracking().Where(f => f.Code == code).OrderByDescending(f => f.Version).FirstOrDefaultAsync(ct);
            return record is null ? null : new Published(record, Parse(record));
        }

        /// <summary>The newest version's framework: its definition is read only the first time (versions never change).</summary>
        public async Task<Framework?> LatestFrameworkAsync(string code, CancellationToken ct)
        {
            var newest = await db.FrameworkVersions.AsNoTracking().Where(f => f.Code == code).OrderByDescending(f => f.Version)
                .Select(f => new { f.Id, f.ContentHash }).FirstOrDefaultAsync(ct);
            return newest is null ? null
                : Cached(newest.ContentHash) ?? Parse(await db.FrameworkVersions.AsNoTracking().SingleAsync(f => f.Id == newest.Id, ct));
        }

        /// <summary>The version an authority's assessment for the year uses: the one it was started against, or the newest if not started.</summary>
        public async Task<Published?> ForAsync(string onsCode, string code, AssessmentYear year, CancellationToken ct)
        {
            var started = await db.SelfAssessments.AsNoTracking().Of(onsCode, code, year).Select(a => a.FrameworkVersion).FirstOrDefaultAsync(ct);
            return started is not null ? new Published(started, Parse(started)) : await LatestAsync(code, ct);
        }

        /// <summary>Every published version, newest first within each framework.</summary>
        public async Task<IReadOnlyList<Published>> AllAsync(CancellationToken ct) =>
            (await db.FrameworkVersions.AsNoTracking().OrderBy(f => f.Code).ThenByDescending(f => f.Version).ToListAsync(ct))
            .Select(r => new Published(r, Parse(r))).ToList();

        /// <summary>The two frameworks every authority completes, newest versions; both are loaded at start-up.</summary>
        public async Task<(Published EarlyHelp, Published DataMaturity)> BothAsync(CancellationToken ct) =>
            ((await LatestAsync(Framework.EarlyHelp, ct))!, (await LatestAsync(Framework.DataMaturity, ct))!);

        /// <summary>Publishes a definition as the next version of its framework; nothing is stored when it has any error.</summary>
        public async Task<PublishOutcome> PublishAsync(string definition, string by, CancellationToken ct)
        {
            var reading = FrameworkDefinition.Read(definition);
            if (reading.Framework is not { } framework)
            {
                return PublishOutcome.Mistaken(reading.Errors);
            }

            var latest = await db.FrameworkVersions.Where(f => f.Code == framework.Code).MaxAsync(f => (int?)f.Version, ct);
            if (latest is null && framework.Code is not (Framework.EarlyHelp or Framework.DataMaturity))
            {
                return PublishOutcome.Mistaken([$"\"{framework.Code}\" is not a framework this service collects: use \"{Framework.EarlyHelp}\" or \"{Framework.DataMaturity}\"."]);
            }

            if (latest is { } v && framework.Version != v + 1)
            {
                return PublishOutcome.Mistaken([$"Version {framework.Version} cannot be published: the {framework.ShortName} is at version {v}, so the next is {v + 1}. A published version is never changed."]);
            }

            var record = new FrameworkVersion
            {
                Code = framework.Code,
                Version = framework.Version,
                Name = framework.Name,
                Definition = definition,
                ContentHash = Hash(definition),
                PublishedAt = clock.GetUtcNow(),
                PublishedBy = by,
            };
            db.FrameworkVersions.Add(record);
            audit.Add(AuditActions.FrameworkPublish, detail: $"{framework.Name} version {framework.Version}", actor: by);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                // Someone else published the same version number a moment earlier.
                db.ChangeTracker.Clear();
                return PublishOutcome.Mistaken([$"Version {framework.Version} of the {framework.ShortName} has just been published by someone else."]);
            }

            return new PublishOutcome(new Published(record, framework));
        }

        /// <summary>Adds the versions in the folder that are not yet published; a changed published version is reported, never applied.</summary>
        public async Task LoadAsync(string folder, CancellationToken ct = default)
        {
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"The framework definitions are missing: {folder}.");
            }

            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                var definition = await File.ReadAllTextAsync(file, ct);
                var framework = FrameworkDefinition.Read(definition).Framework
                    ?? throw new InvalidDataException($"{Path.GetFileName(file)} is not a valid framework definition: {string.Join(" ", FrameworkDefinition.Read(definition).Errors)}");
                var stored = await db.FrameworkVersions.AsNoTracking().FirstOrDefaultAsync(f => f.Code == framework.Code && f.Version == framework.Version, ct);
                if (stored is null)
                {
                    var outcome = await PublishAsync(definition, ReferenceDataPublisher, ct);
                    if (outcome.Published is null)
                    {
                        throw new InvalidDataException($"{Path.GetFileName(file)} could not be published: {string.Join(" ", outcome.Errors)}");
                    }

                    log.LogInformation("Framework {Code} version {Version} published from reference data", framework.Code, framework.Version);
                }
                else if (stored.ContentHash != Hash(definition))
                {
                    log.LogWarning("{File} differs from the published {Code} version {Version}; a published version is never changed, so publish it as a new version", Path.GetFileName(file), framework.Code, framework.Version);
                }
            }
        }
    }
}
