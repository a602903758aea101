;;; eglot.el --- the language server in Emacs with eglot (Emacs 29+ built in; elpa-eglot 1.9 on Debian's Emacs 28)
;; Add to your init file. eglot runs one server per major mode, so this replaces typescript-language-server in
;; these modes (eglot 1.9 has no multi-server support); hover arrives through eldoc, diagnostics through flymake,
;; quick fixes with M-x eglot-code-actions, completion with completion-at-point.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((js-mode js-ts-mode typescript-mode typescript-ts-mode tsx-ts-mode)
                 . ("ws-close-codes-language-server" "--stdio"))))
;; Start it when such a file opens:
;; (add-hook 'typescript-ts-mode-hook #'eglot-ensure)
