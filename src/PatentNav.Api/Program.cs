using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using PatentNav;
using PatentNav.Api.Endpoints;
using PatentNav.Api.Infrastructure;
using PatentNav.Records;
using PatentNav.Workspace;

var builder = WebApplication.CreateBuilder(args);

// Settings: section PatentNav (env PatentNav__DataDirectory, PatentNav__ApiKey, …).
builder.Services.AddOptions<PatentNavApiOptions>().Bind(builder.Configuration.GetSection(PatentNavApiOptions.Section));
builder.WebHost.ConfigureKestrel((context, kestrel) =>
{
    var max = context.Configuration.GetValue<long?>("PatentNav:MaxUploadBytes") ?? new PatentNavApiOptions().MaxUploadBytes;
    kestrel.Limits.MaxRequestBodySize = max + (64 * 1024);

    // Long query strings reach the endpoints, which answer 400 ProblemDetails naming the parameter, instead of Kestrel's
    // bare 414 at 8 KB; beyond this Kestrel still refuses the request line itself.
    kestrel.Limits.MaxRequestLineSize = 64 * 1024;
});

// The workspace: one Lucene index in the data directory, opened at start-up.
builder.Services.AddPatentNav(sp =>
{
    var o = sp.GetRequiredService<IOptions<PatentNavApiOptions>>().Value;
    var env = sp.GetRequiredService<IHostEnvironment>();
    var dir = Path.IsPathRooted(o.DataDirectory) ? o.DataDirectory : Path.Combine(env.ContentRootPath, o.DataDirectory);
    var options = new PatentWorkspaceOptions { DataDirectory = dir };
    options = o.CommitEveryRows is { } every ? options with { CommitEveryRows = every } : options;
    return o.AnalyticsMemoryLimitMB is { } limit ? options with { AnalyticsMemoryLimitMegabytes = limit } : options;
});
builder.Services.AddHostedService<SampleSeeder>();
builder.Services.AddHostedService<AnalysisWarmUp>();
builder.Services.AddHostedService<ImportWarmUp>();
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => new AnalysisJobs(
    sp.GetRequiredService<TimeProvider>(),
    sp.GetRequiredService<ILogger<AnalysisJobs>>(),
    sp.GetRequiredService<IOptions<PatentNavApiOptions>>().Value.MaxJobSeconds is > 0 and var s ? TimeSpan.FromSeconds(s) : null));
builder.Services.AddSingleton<ClassifierTraining>();

// JSON: the canonical record form (camelCase, enums as camelCase strings, Chinese unescaped).
builder.Services.Configure<JsonOptions>(o =>
{
    foreach (var c in PatentJson.Options.Converters)
    {
        o.SerializerOptions.Converters.Add(c);
    }

    o.SerializerOptions.Encoder = PatentJson.Options.Encoder;
    o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;

    // A typo in a body (regoin for region) is a 400 naming it, never a silently wider filter (ProblemMapping).
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
});

// Bad bodies and parameters throw (BadHttpRequestException), so that ProblemMapping answers them with a ProblemDetails
// naming the problem instead of the framework's empty 400.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

// CORS: services only; the middleware is added below only when PatentNav:CorsOrigins lists origins (closed by default).
builder.Services.AddCors();

// Errors: ProblemDetails everywhere, one exception mapping.
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemMapping>();

// OpenAPI / Swagger UI with the XML docs of Api and Core.
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen(o =>
{
    o.SwaggerDoc("v1", new OpenApiInfo
    {
        Title = "PatentNav API",
        Version = "v1",
        Description = "Patent navigation (专利导航): import patent exports, search them in Chinese, and analyse them. Write endpoints need the X-Api-Key header.",
    });
    foreach (var xml in new[] { "PatentNav.Api.xml", "PatentNav.Core.xml" })
    {
        var path = Path.Combine(AppContext.BaseDirectory, xml);
        if (File.Exists(path))
        {
            o.IncludeXmlComments(path, includeControllerXmlComments: true);
        }
    }

    o.AddSecurityDefinition("ApiKey", new OpenApiSecurityScheme
    {
        Type = SecuritySchemeType.ApiKey,
        In = ParameterLocation.Header,
        Name = ApiKeyFilter.HeaderName,
        Description = "The key configured as PatentNav:ApiKey; required by write endpoints.",
    });
    o.EnableAnnotations();
    o.SchemaFilter<RequestExamples>();

    // Value types that travel as strings in JSON.
    o.OperationFilter<UnknownParameterResponses>();
    o.MapType<IpcCode>(() => new OpenApiSchema { Type = JsonSchemaType.String, Description = "IPC code, e.g. A61K 31/4439", Examples = [System.Text.Json.Nodes.JsonValue.Create("A61K 31/4439")] });
    o.MapType<PublicationNumber>(() => new OpenApiSchema { Type = JsonSchemaType.String, Description = "Publication number (公开号)", Examples = [System.Text.Json.Nodes.JsonValue.Create("CN114081026A")] });
    o.MapType<ApplicationNumber>(() => new OpenApiSchema { Type = JsonSchemaType.String, Description = "Application number (申请号)", Examples = [System.Text.Json.Nodes.JsonValue.Create("CN202223220665.2")] });
});

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
if (app.Configuration.GetSection("PatentNav:CorsOrigins").Get<string[]>() is { Length: > 0 } corsOrigins)
{
    // Read-only access for the listed sites: writes and admin calls carry the API key and stay same-origin.
    app.UseCors(policy => policy.WithOrigins(corsOrigins).WithMethods("GET"));
}

// The park managers' page (wwwroot/index.html at "/", linking to /swagger). Static files carry no data: every figure on
// the page comes from the endpoints below through their own filters (read key, time limit), so serving them before
// routing bypasses nothing. Only files under wwwroot/ are served, and none shadows /api, /health or /swagger.
app.UseDefaultFiles();
app.UseStaticFiles(new StaticFileOptions { ContentTypeProvider = PageHeaders.ContentTypes(), OnPrepareResponse = PageHeaders.Apply });

// Unknown query parameters on a documented endpoint: 400 naming them (after routing, which WebApplication adds first).
app.UseMiddleware<StrictQueryParameters>();

app.UseSwagger();
app.UseSwaggerUI(o => o.DocumentTitle = "PatentNav API");

app.MapHealthEndpoints();
app.MapImportEndpoints();
app.MapSearchEndpoints();
app.MapPatentEndpoints();
app.MapAdminEndpoints();
app.MapTaxonomyEndpoints();
app.MapAnalyticsEndpoints();
app.MapClusterEndpoints();
app.MapTextEndpoints();
app.MapJobEndpoints();
app.MapHighValueEndpoints();
app.MapNeedEndpoints();
app.MapPositioningEndpoints();
app.MapClassifierEndpoints();
app.MapReportEndpoints();

// Open the index before listening, so that the first request does not pay for it and a locked index fails fast.
var workspace = app.Services.GetRequiredService<PatentWorkspace>();
OrphanUploads.Remove(workspace, app.Logger);
app.Run();
