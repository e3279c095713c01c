// The SQL editor of Datasette's _codemirror_foot.html, as a file: the site's
// Content-Security-Policy allows no inline script. Deferred, so it runs after the
// deferred sql-formatter and once the page is parsed.
(function () {
  "use strict";
  var sqlFormat = document.querySelector("button#sql-format");
  var readOnly = document.querySelector("pre#sql-query");
  var sqlInput = document.querySelector("textarea#sql-editor");
  if (sqlFormat && !readOnly) {
    sqlFormat.hidden = false;
  }
  if (sqlInput && window.CodeMirror) {
    var editor = CodeMirror.fromTextArea(sqlInput, {lineNumbers: true, mode: "text/x-sql", lineWrapping: true});
    editor.setOption("extraKeys", {
      "Shift-Enter": function () { document.getElementsByClassName("sql")[0].submit(); },
      Tab: false
    });
    if (sqlFormat && window.sqlFormatter) {
      sqlFormat.addEventListener("click", function () { editor.setValue(sqlFormatter.format(editor.getValue())); });
    }
    if (window.cmResize) {
      cmResize(editor, {resizableWidth: false});
    }
  }
  if (sqlFormat && readOnly && window.sqlFormatter) {
    var formatted = sqlFormatter.format(readOnly.innerHTML);
    if (formatted !== readOnly.innerHTML) {
      sqlFormat.hidden = false;
      sqlFormat.addEventListener("click", function () { readOnly.innerHTML = formatted; });
    }
  }
})();
