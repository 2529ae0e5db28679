using Microsoft.AspNetCore.Mvc;

namespace NationalReturns.Web.Infrastructure;

/// <summary>The GOV.UK problem pages with a specific message, for refusals a page can explain.</summary>
public static class ProblemPages
{
    /// <summary>The 404 page saying what was not found and what is there instead.</summary>
    public static ViewResult NotFoundPage(this Controller controller, string message) => Page(controller, "~/Features/Errors/NotFound.cshtml", StatusCodes.Status404NotFound, message);

    /// <summary>The problem page for any other refusal, with the refusal's status.</summary>
    public static ViewResult ProblemPage(this Controller controller, Refusal refusal) =>
        refusal.Kind == RefusalKind.NotFound
            ? controller.NotFoundPage(refusal.Message)
            : Page(controller, "~/Features/Errors/Problem.cshtml", refusal.StatusCode, refusal.Message, refusal.StatusCode);

    private static ViewResult Page(Controller controller, string view, int status, string message, object? model = null)
    {
        controller.ViewData["Detail"] = message;
        var result = controller.View(view, model);
        result.StatusCode = status;
        return result;
    }
}
