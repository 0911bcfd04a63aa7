// Starts Swagger UI on /api/docs with Hearth's OpenAPI description. The UI's files are copied
// from the swagger-ui-dist npm package into /api-docs/vendor when the site is built.
window.addEventListener("load", () => {
  window.SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
  });
});
