using System.ComponentModel;
using System.Globalization;
using PatentNav.Api.Infrastructure;
using PatentNav.Records;
using PatentNav.Taxonomy;
using PatentNav.Text;

namespace PatentNav.Api.Endpoints;

/// <summary>The industry text classifier (产业分类模型): classify text without IPC codes, train and inspect the model.</summary>
internal static class ClassifierEndpoints
{
    private const int DefaultWaitSeconds = 30;

    private const string Method =
        "**Model.** Trained on this workspace's records that have IPC codes: their labels are the industries the SEI–IPC 2021 table (first-level industries, `sei:1` … `sei:9`) and the city taxonomy (`city:<chain>`) assign from those codes. " +
        "Features are the engine's feature tokens (see POST /api/text/segment: SmartCn words with the patent stop list, the workspace's discovered terms such as 碳纤维 re-joined), TF-IDF weighted. " +
        "Each industry has its own ML.NET logistic regression (one-vs-rest), so each `probability` is P(the taxonomies would put a patent with this text in that industry); they need not add up to 1, and all low means none of them. `predicted` is probability ≥ 0.5. " +
        "`contributions` list the words that moved the industry's score most (TF-IDF value × weight, in log-odds). Industries with fewer than 10 labelled records have no model and are listed under `notTrained` with the reason. " +
        "The model is trained on first use and cached per index version (`<data>/classifier/model.json`); after an import the previous model answers (`modelCurrent: false`) while a retraining job runs (`retraining`).";

    private const string ClassifyDescription =
        "Classifies a text that has no IPC code — a typed technology need, or a title and abstract from an export without IPC — into the SEI first-level industries (战略性新兴产业) and the city's chains (重点产业链), with probabilities.\n\n" +
        Method + "\n\n" +
        "Example: `POST /api/classify {\"text\":\"一种治疗糖尿病的中药组合物及其制备方法\",\"top\":2}` → `{\"features\":[\"治疗\",\"中药\",\"组合物\",\"制备\"],\"unknownFeatures\":[\"糖尿病\"],\"taxonomies\":[{\"taxonomyId\":\"sei\",\"industries\":[{\"key\":\"sei:4\",\"name\":\"生物产业\",\"probability\":1.0,\"predicted\":true,\"contributions\":[{\"feature\":\"治疗\",\"value\":0.57,\"weight\":15.65,\"contribution\":8.89},…]},…]},{\"taxonomyId\":\"city\",\"industries\":[{\"key\":\"city:新医药\",…}]}],\"modelCurrent\":true,\"model\":{…,\"quality\":{…}}}`.\n\n" +
        "When no model exists yet, training starts as a job (GET /api/jobs/{id}); the call waits up to `wait` seconds for it and answers 202 with the job's Location when it is not done — POST again once it has succeeded. " +
        "Errors: 400 when `text` is missing, empty or longer than 10,000 characters, `top` is outside 1–50 or `wait` outside 0–120; 409 when the workspace has too few records with IPC codes to train on (at least 200, and at least one industry with 10) — the detail says how many it has; 401 when reads require a key.";

    public static IEndpointRouteBuilder MapClassifierEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/classify", Classify)
            .AddEndpointFilter<ReadKeyFilter>()
            .WithTags("Classifier")
            .WithName("ClassifyText")
            .WithSummary("Classify a text into industries with probabilities (文本产业分类)")
            .WithDescription(ClassifyDescription)
            .Accepts<ClassifyRequest>("application/json")
            .Produces<ClassifyResponse>(StatusCodes.Status200OK)
            .Produces<JobStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status500InternalServerError);

        app.MapGet("/api/patents/{publicationNumber}/industries/predicted", PredictPatent)
            .AddEndpointFilter<ReadKeyFilter>()
            .WithTags("Patents", "Classifier")
            .WithName("PatentPredictedIndustries")
            .WithSummary("Industries predicted from a stored patent's text (for records without IPC codes)")
            .WithDescription(
                "Runs the industry classifier on a stored patent's title and abstract — meant for records imported without IPC codes, which get no industry from the taxonomies. " +
                "The prediction is shown here only: it is never written to the index, so industry filters and facets keep counting IPC-derived industries alone. `ipcIndustries` holds the taxonomies' own assignments (GET /api/patents/{pn}/industries), empty without IPC codes. " +
                Method + "\n\nExample: `GET /api/patents/ZZ9000000A/industries/predicted?top=2`. " +
                "Errors: 404 unknown number; 400 top outside 1–50 or wait outside 0–120; 409 too few labelled records to train on; 202 with the training job's Location while a first model is being trained; 401 when reads require a key.")
            .Produces<PredictedIndustriesResponse>(StatusCodes.Status200OK)
            .Produces<JobStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status500InternalServerError);

        var group = app.MapGroup("/api/classifier").WithTags("Classifier").AddEndpointFilter<ReadKeyFilter>();

        group.MapGet("/", Status)
            .WithName("ClassifierStatus")
            .WithSummary("The industry classifier's model: whether it is trained and current, its classes and measured quality")
            .WithDescription(
                "`trained`: a model exists; `current`: it was trained on the index as it is now with the current taxonomies; `training`: a training runs (`trainingJob`). " +
                "`model.quality` is measured when the model is trained: 20 % of the labelled records are held out by a hash of the publication number, a model trained on the other 80 % is scored on them, then the served model is fitted on all. " +
                "Per taxonomy: `accuracy` (exact match of the predicted set of industries, the empty set included), `macroF1` (mean F1 over industries with held-out records; an industry without a model counts 0), `microF1`, and per industry precision, recall, F1 and support. " +
                "`model.classes` gives each industry's labelled records and why it has no model when it has none. Errors: 401 when reads require a key.")
            .Produces<ClassifierStatusResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/train", Train)
            .WithName("TrainClassifier")
            .WithSummary("Train the industry classifier now, as a job")
            .WithDescription(
                "Starts (or joins) the training job and answers 202 with its Location (GET /api/jobs/{id}: stages reading, lexicon, evaluating: segmenting/training, segmenting, training). " +
                "When the model is already current the job succeeds at once with it; the same records and taxonomies always give the same model. The job's `result` is the model summary with its quality. " +
                "A job that fails because the workspace has too few records with IPC codes carries `errorStatus: 409` and says how many it has and needs. DELETE /api/jobs/{id} cancels it (the previous model stays). Errors: 401 when reads require a key.")
            .Produces<JobStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return app;
    }

    private static async Task<IResult> Classify(
        ClassifyRequest? request,
        ClassifierTraining training,
        CancellationToken cancellationToken,
        [Description("Seconds to wait for a first model to be trained before answering 202 (0–120); default 30")] int wait = DefaultWaitSeconds)
    {
        if (request?.Text is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return Problems.BadRequest("Send {\"text\": \"…\"} with the text to classify.", "text");
        }

        var top = request.Top ?? 3;
        if (Invalid(text, top, wait) is { } problem)
        {
            return problem;
        }

        var resolved = await training.ResolveAsync(TimeSpan.FromSeconds(wait), cancellationToken);
        if (resolved.Model is null)
        {
            return NotReady(resolved.Job!);
        }

        var p = resolved.Model.Predict(text, top);
        return TypedResults.Ok(new ClassifyResponse(p.Features, p.UnknownFeatures, p.Taxonomies, resolved.Current, resolved.Retraining, p.Model));
    }

    private static async Task<IResult> PredictPatent(
        [Description("Publication number, e.g. ZZ9000000A (a sample record without IPC codes) or CN114081026A")] string publicationNumber,
        PatentWorkspace workspace,
        ClassifierTraining training,
        CancellationToken cancellationToken,
        [Description("Industries per taxonomy, 1–50; default 3")] int top = 3,
        [Description("Seconds to wait for a first model to be trained before answering 202 (0–120); default 30")] int wait = DefaultWaitSeconds)
    {
        if (Invalid("x", top, wait) is { } problem)
        {
            return problem;
        }

        var record = await workspace.Search.GetAsync(publicationNumber, cancellationToken);
        if (record is null)
        {
            return Problems.NotFound($"No patent with publication number '{publicationNumber}' is stored.");
        }

        var resolved = await training.ResolveAsync(TimeSpan.FromSeconds(wait), cancellationToken);
        if (resolved.Model is null)
        {
            return NotReady(resolved.Job!);
        }

        var p = resolved.Model.Predict(AnalysisText.Of(record), top);
        var hasIpc = record.Ipc.Count > 0 || record.MainIpc is not null;
        var note = hasIpc
            ? "This patent has IPC codes: its industries are those of ipcIndustries (the taxonomies' rules); the prediction from its text is shown for comparison only."
            : "This patent has no IPC codes, so the taxonomies give it no industry; the prediction from its title and abstract is a suggestion and is not written to the index.";
        return TypedResults.Ok(new PredictedIndustriesResponse(
            record.PublicationNumber.Value,
            record.Title,
            hasIpc,
            workspace.Settings.Taxonomies.Assign(record),
            note,
            p.Features,
            p.UnknownFeatures,
            p.Taxonomies,
            resolved.Current,
            resolved.Retraining,
            p.Model));
    }

    private static async Task<IResult> Status(PatentWorkspace workspace, ClassifierTraining training, CancellationToken cancellationToken)
    {
        var status = await workspace.Classifier.GetClassifierStatusAsync(cancellationToken);
        var job = training.Running;
        return TypedResults.Ok(new ClassifierStatusResponse(status.Trained, status.Current, status.Training || job is not null, job is null ? null : AnalysisJobs.Location(job.Id), status.Model));
    }

    private static IResult Train(ClassifierTraining training)
    {
        var job = training.Start();
        return TypedResults.Accepted(AnalysisJobs.Location(job.Id), job);
    }

    private static IResult? Invalid(string text, int top, int wait)
    {
        if (text.Length > Text.TextSegmentation.MaxLength)
        {
            return Problems.BadRequest(string.Create(CultureInfo.InvariantCulture, $"text has {text.Length} characters; at most {Text.TextSegmentation.MaxLength} are classified at once."), "text");
        }

        if (top is < 1 or > 50)
        {
            return Problems.BadRequest(string.Create(CultureInfo.InvariantCulture, $"top must be between 1 and 50, got {top}."), "top");
        }

        return wait is < 0 or > 120
            ? Problems.BadRequest(string.Create(CultureInfo.InvariantCulture, $"wait must be between 0 and 120 seconds, got {wait}."), "wait")
            : null;
    }

    private static IResult NotReady(JobStatus job) => job.State switch
    {
        JobState.Failed when job.ErrorStatus == StatusCodes.Status409Conflict =>
            TypedResults.Problem(detail: job.Error, statusCode: StatusCodes.Status409Conflict, title: "Too few labelled records"),
        JobState.Failed => TypedResults.Problem(detail: job.Error, statusCode: job.ErrorStatus ?? StatusCodes.Status500InternalServerError, title: "Training failed"),
        JobState.Cancelled => TypedResults.Problem(detail: $"The training job {job.Id} was cancelled before a model existed; POST again to start another.", statusCode: StatusCodes.Status409Conflict, title: "Training cancelled"),
        _ => TypedResults.Accepted(AnalysisJobs.Location(job.Id), job),
    };
}

/// <summary>A text to classify.</summary>
/// <param name="Text">The text, up to 10,000 characters: a technology need, or a patent's title and abstract.</param>
/// <param name="Top">Industries per taxonomy (1–50, default 3).</param>
internal sealed record ClassifyRequest(string? Text, int? Top)
{
    /// <example>一种治疗糖尿病的中药组合物及其制备方法</example>
    public string? Text { get; init; } = Text;

    /// <example>3</example>
    public int? Top { get; init; } = Top;
}

/// <summary>A classification (文本产业分类).</summary>
/// <param name="Features">The text's words the model knows.</param>
/// <param name="UnknownFeatures">Its words the model never saw in training (they count for nothing).</param>
/// <param name="Taxonomies">Per taxonomy (sei, city) the most probable industries with probabilities and contributions.</param>
/// <param name="ModelCurrent">Whether the model was trained on the data as it is now.</param>
/// <param name="Retraining">The job URL of a retraining running because the model is not current.</param>
/// <param name="Model">The model: data, classes, measured quality.</param>
internal sealed record ClassifyResponse(
    IReadOnlyList<string> Features,
    IReadOnlyList<string> UnknownFeatures,
    IReadOnlyList<TaxonomyPrediction> Taxonomies,
    bool ModelCurrent,
    string? Retraining,
    ClassifierSummary Model);

/// <summary>A stored patent's industries predicted from its text, next to those of its IPC codes.</summary>
/// <param name="PublicationNumber">The patent.</param>
/// <param name="Title">Its title.</param>
/// <param name="HasIpc">Whether it has IPC codes (then <paramref name="IpcIndustries"/> are its industries).</param>
/// <param name="IpcIndustries">The taxonomies' assignments from its IPC codes and wording, with reasons.</param>
/// <param name="Note">How to read the prediction for this record.</param>
/// <param name="Features">Its words the model knows.</param>
/// <param name="UnknownFeatures">Its words the model never saw.</param>
/// <param name="Taxonomies">The prediction per taxonomy.</param>
/// <param name="ModelCurrent">Whether the model was trained on the data as it is now.</param>
/// <param name="Retraining">The job URL of a retraining running because the model is not current.</param>
/// <param name="Model">The model.</param>
internal sealed record PredictedIndustriesResponse(
    string PublicationNumber,
    string? Title,
    bool HasIpc,
    IReadOnlyList<IndustryAssignment> IpcIndustries,
    string Note,
    IReadOnlyList<string> Features,
    IReadOnlyList<string> UnknownFeatures,
    IReadOnlyList<TaxonomyPrediction> Taxonomies,
    bool ModelCurrent,
    string? Retraining,
    ClassifierSummary Model);

/// <summary>The classifier's state.</summary>
/// <param name="Trained">A model exists.</param>
/// <param name="Current">It matches the index and taxonomies as they are now.</param>
/// <param name="Training">A training runs.</param>
/// <param name="TrainingJob">Its job URL.</param>
/// <param name="Model">The model's summary and quality, when trained.</param>
internal sealed record ClassifierStatusResponse(bool Trained, bool Current, bool Training, string? TrainingJob, ClassifierSummary? Model);
