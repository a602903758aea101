;;; eglot-test.el --- drives the language server in Emacs (eglot) for scripts/test-emacs.mjs  -*- lexical-binding: t -*-
;; Batch mode: opens WSCC_FILE in js-mode, connects eglot to WSCC_SERVER over stdio (the configuration of
;; test/editors/eglot.el), asks for the hover at line/column WSCC_LINE:WSCC_COLUMN (1-based), waits for the pushed
;; diagnostics, asks for the code actions there, and writes what it got as JSON to WSCC_OUT.
;; `emacs -Q` skips the site start-up that puts Debian's elpa-* packages (eglot and the newer project.el, xref and
;; seq it needs) on the load path: add them first, so they win over Emacs 28's own older project.el.
(let ((default-directory "/usr/share/emacs/site-lisp/elpa/"))
  (when (file-directory-p default-directory)
    (setq load-path (append (directory-files default-directory t "^[^.]") load-path))))
;; LSP's Content-Length counts UTF-8 bytes: a batch Emacs without a UTF-8 locale misreads messages with non-ASCII.
(prefer-coding-system 'utf-8)
(require 'eglot)
(require 'json)
(require 'flymake)

(defun wscc-wait (predicate seconds)
  "Let the server's messages in until PREDICATE holds or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(let* ((file (getenv "WSCC_FILE"))
       (server (getenv "WSCC_SERVER"))
       (line (string-to-number (getenv "WSCC_LINE")))
       (column (string-to-number (getenv "WSCC_COLUMN")))
       (result (list (cons 'initialized :false))))
  (setq eglot-server-programs `((js-mode . ("node" ,server "--stdio"))))
  (find-file file)
  (js-mode)
  (eglot '(js-mode) (project-current) 'eglot-lsp-server `("node" ,server "--stdio") "javascript")
  (let ((connection (eglot-current-server)))
    (when connection
      (setf (alist-get 'initialized result) t)
      (goto-char (point-min))
      (forward-line (1- line))
      (move-to-column (1- column))
      (let ((hover (jsonrpc-request connection :textDocument/hover (eglot--TextDocumentPositionParams))))
        (setf (alist-get 'hover result) (plist-get (plist-get hover :contents) :value)))
      (wscc-wait (lambda () (flymake-diagnostics)) 10)
      (setf (alist-get 'diagnostics result)
            (vconcat (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
      (let ((actions (jsonrpc-request connection :textDocument/codeAction
                                      (list :textDocument (eglot--TextDocumentIdentifier)
                                            :range (list :start (eglot--pos-to-lsp-position) :end (eglot--pos-to-lsp-position))
                                            :context (list :diagnostics [])))))
        (setf (alist-get 'actions result) (vconcat (mapcar (lambda (action) (plist-get action :title)) actions))))
      (eglot-shutdown connection)))
  (with-temp-file (getenv "WSCC_OUT")
    (insert (json-encode result))))
