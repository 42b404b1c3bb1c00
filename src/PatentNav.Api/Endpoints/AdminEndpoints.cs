using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PatentNav.Api.Infrastructure;
using PatentNav.Search;

namespace PatentNav.Api.Endpoints;

/// <summary>Operations (运维): a read-only index check and backups of the committed index. Every call needs the API key.</summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Admin").AddEndpointFilter<ApiKeyFilter>();

        group.MapGet("/index/check", CheckIndex)
            .WithName("CheckIndex")
            .WithSummary("Verify the index, read-only (索引校验)")
            .WithDescription("""
                Runs Lucene's CheckIndex on the last commit of the index while the service keeps serving and importing: the commit is held
                for the check, read through a read-only view (no write lock, nothing repaired). Returns whether it is clean, the commit checked
                (segments file, generation, user data), its segment and live document counts, and the problems found.
                Rows of a running import that are not committed yet are not counted. It reads the whole index: seconds for 100,000 records.
                Errors: 401 missing or wrong X-Api-Key.
                """)
            .Produces<IndexCheckResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/backup", Backup)
            .WithName("BackupIndex")
            .WithSummary("Back up the committed index (索引备份)")
            .WithDescription("""
                Copies the files of the last commit to `<DataDirectory>/backups/<yyyyMMdd-HHmmss-fff>/index/` with a `backup.json` manifest,
                while the service keeps serving and importing (the commit is held so that its files are not deleted during the copy).
                The folder is chosen by the service, never by the client. Rows of a running import committed after the copy started are not in it.
                Restore is offline: stop the service, replace `<DataDirectory>/index` with the backup's `index/` folder, start (README, Operations).
                Errors: 401 missing or wrong X-Api-Key, 409 nothing committed yet.
                """)
            .Produces<IndexBackupManifest>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static async Task<Ok<IndexCheckResult>> CheckIndex(PatentWorkspace workspace, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workspace.Maintenance.CheckIndexAsync(cancellationToken));

    private static async Task<Results<Ok<IndexBackupManifest>, ProblemHttpResult>> Backup(PatentWorkspace workspace, CancellationToken cancellationToken)
    {
        var backups = Path.Combine(workspace.DataDirectory, "backups");
        var stamp = TimeProvider.System.GetUtcNow().ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        var target = Path.Combine(backups, stamp);
        for (var n = 2; Directory.Exists(target); n++)
        {
            target = Path.Combine(backups, string.Create(CultureInfo.InvariantCulture, $"{stamp}-{n}"));
        }

        try
        {
            return TypedResults.Ok(await workspace.Maintenance.BackupAsync(target, cancellationToken));
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Nothing to back up");
        }
    }
}
