-- One checkpoint run of a suite.
insert into validation_runs (run_id, suite, success, evaluated, failed, failed_expectations, docs_path,
                             validated_at, scope)
values ($run_id, $suite, $success, $evaluated, $failed, $failed_expectations, $docs_path, $validated_at, $scope)
