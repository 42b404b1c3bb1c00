using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PatentNav.Api.Infrastructure;
using PatentNav.Import;
using PatentNav.Workspace;

namespace PatentNav.Api.Endpoints;

/// <summary>Uploading exports and following their imports.</summary>
internal static class ImportEndpoints
{
    private static readonly string[] KnownFormats = ["auto", "cnipa", "incopat", "patsnap", "lens", "derwent", "google", "jsonl", "custom"];

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports");

        group.MapPost("/", Upload)
            .AddEndpointFilter<ApiKeyFilter>()
            .DisableAntiforgery()
            .WithName("ImportFile")
            .WithSummary("Import a patent export (导入专利数据)")
            .WithDescription("""
                Multipart form: `file` (required) — a CNIPA CSV, incoPat XLS/XLSX, PatSnap XLSX, Lens CSV, Derwent CSV, Google Patents CSV or canonical JSONL export, UTF-8 or GB18030;
                `format` (optional: auto, cnipa, incopat, patsnap, lens, derwent, google, jsonl, custom); `encoding` (optional: utf-8, gb18030);
                `mapping` (optional JSON object: canonical field → column header, for other layouts, e.g. {"publicationNumber":"Doc No","title":"Name"}).
                Records are upserted by publication number: a field the file carries replaces the stored value, a field it lacks keeps it; importing the same file twice changes nothing (all rows `unchanged`).
                Rows with errors are rejected and listed (row, column, value, reason); good rows are kept.
                Answers 200 with the report when the import finishes within `wait` seconds, else 202 with a Location to follow.
                Errors: 400 no file / bad mapping, 401 missing or wrong X-Api-Key, 413 larger than MaxUploadBytes, 422 the file cannot be imported at all (nothing stored).
                """)
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<ImportReport>(StatusCodes.Status200OK)
            .Produces<ImportReport>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", List)
            .AddEndpointFilter<ReadKeyFilter>()
            .WithName("ListImports")
            .WithSummary("List imports, newest first")
            .WithDescription("Every import this data directory has seen, with its state and counts. An import that was running when the process stopped shows as `interrupted`.")
            .Produces<IReadOnlyList<ImportReport>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/{id}", Get)
            .AddEndpointFilter<ReadKeyFilter>()
            .WithName("GetImport")
            .WithSummary("Status, progress and report of one import")
            .WithDescription("While running: rows read and bytes read of the total. When done: the full report. Errors: 404 unknown id.")
            .Produces<ImportReport>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapDelete("/{id}", Cancel)
            .AddEndpointFilter<ApiKeyFilter>()
            .WithName("CancelImport")
            .WithSummary("Cancel a queued or running import")
            .WithDescription("Rows counted before the cancellation stay committed; importing the same file again completes it without duplicates. Errors: 401, 404 unknown id, 409 already finished.")
            .Produces<ImportReport>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static async Task<IResult> Upload(
        HttpContext http,
        ImportService imports,
        IOptions<PatentNavApiOptions> options,
        CancellationToken cancellationToken,
        [Description("Seconds to wait for the import to finish before answering 202 (0-300); default from configuration (30)")] int? wait = null)
    {
        var settings = options.Value;
        var limit = settings.MaxUploadBytes;
        if (http.Request.ContentLength is { } length && length > limit + (64 * 1024))
        {
            return Problems.TooLarge(limit);
        }

        if (!http.Request.HasFormContentType)
        {
            return Problems.BadRequest("Send the export as multipart/form-data with the file in the field 'file'.", "file");
        }

        if (wait is < 0 or > 300)
        {
            return Problems.BadRequest($"wait must be between 0 and 300 seconds, got {wait}", "wait");
        }

        Problems.DisableBuffering(http, limit);
        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = limit + (64 * 1024), ValueLengthLimit = 1 << 20 }));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.TooLarge(limit);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.TooLarge(limit);
        }
        catch (InvalidDataException ex)
        {
            // A malformed multipart body (an unparsable Content-Disposition such as an unquoted file name with a backslash,
            // a missing boundary) is the client's error, not the service's: 400, not 500.
            return Problems.BadRequest("The multipart form is malformed: " + ex.Message, "file");
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return Problems.BadRequest(file is null ? "No file: send it in the multipart field 'file'." : "The uploaded file is empty.", "file");
        }

        if (file.Length > limit)
        {
            return Problems.TooLarge(limit);
        }

        IReadOnlyDictionary<string, string>? mapping = null;
        if (form["mapping"].ToString() is { Length: > 0 } mappingJson)
        {
            try
            {
                mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(mappingJson);
            }
            catch (JsonException ex)
            {
                return Problems.BadRequest("mapping must be a JSON object of canonical field → column header, e.g. {\"publicationNumber\":\"Doc No\"}: " + ex.Message, "mapping");
            }
        }

        var format = form["format"].ToString();
        if (format.Length > 0 && !KnownFormats.Contains(format, StringComparer.OrdinalIgnoreCase))
        {
            // Refused here: the reader would only fail once the import runs in the background.
            return Problems.BadRequest($"unknown format '{format}'; use one of: {string.Join(", ", KnownFormats)}", "format");
        }

        var encoding = form["encoding"].ToString();
        var importOptions = new ImportOptions
        {
            Format = format.Length == 0 || format.Equals("auto", StringComparison.OrdinalIgnoreCase) ? null : format.ToLowerInvariant(),
            Encoding = encoding.Length == 0 ? null : encoding,
            ColumnMapping = mapping,
            FileName = SafeDisplayName(file.FileName),
        };

        // The upload is stored under a name the service makes; the client's file name is only reported back.
        var path = Path.Combine(imports.UploadsDirectory, string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}.upload"));
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            await file.CopyToAsync(target, cancellationToken);
        }

        var report = imports.StartImport(path, importOptions, deleteWhenDone: true);
        report = await imports.WaitAsync(report.Id, TimeSpan.FromSeconds(wait ?? settings.ImportWaitSeconds), cancellationToken) ?? report;
        var location = $"/api/imports/{report.Id}";
        return report.State switch
        {
            ImportState.Queued or ImportState.Running => TypedResults.Accepted(location, report),
            ImportState.Failed => TypedResults.Problem(
                detail: report.Message,
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "File cannot be imported",
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["report"] = report }),
            _ => TypedResults.Ok(report),
        };
    }

    private static IResult List(ImportService imports) => TypedResults.Ok(imports.List());

    private static IResult Get([Description("Import id from the upload's response")] string id, ImportService imports) =>
        imports.Get(id) is { } report ? TypedResults.Ok(report) : Problems.NotFound($"No import with id '{id}'.");

    private static IResult Cancel([Description("Import id")] string id, ImportService imports)
    {
        var report = imports.Get(id);
        if (report is null)
        {
            return Problems.NotFound($"No import with id '{id}'.");
        }

        if (!imports.Cancel(id))
        {
            return TypedResults.Problem(detail: $"Import '{id}' is already {report.State.ToString().ToLowerInvariant()}.", statusCode: StatusCodes.Status409Conflict, title: "Import not running");
        }

        return TypedResults.Accepted($"/api/imports/{id}", imports.Get(id));
    }

    private static string SafeDisplayName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "upload";
        }

        // Only the last path segment, without control characters, for display in the report.
        var last = name.Replace('\\', '/').Split('/').Last();
        var clean = new string(last.Where(c => !char.IsControl(c)).Take(200).ToArray());
        return clean.Length == 0 ? "upload" : clean;
    }
}
