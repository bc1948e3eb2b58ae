@echo off
rem Starts policycheck and opens its page. Change the path to where policycheck is installed.
title policycheck
"C:\policycheck\.venv\Scripts\policycheck.exe" serve --open
pause
