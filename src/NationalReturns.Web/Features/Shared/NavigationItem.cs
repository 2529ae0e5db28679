namespace NationalReturns.Web.Features.Layout;

public sealed record NavigationItem(string Href, string Text, bool Active);
