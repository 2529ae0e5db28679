using Microsoft.AspNetCore.Mvc;

namespace NationalReturns.Web.Features.Home;

public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View();
}
